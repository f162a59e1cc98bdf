package dev.armature.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The architecture of DESIGN.md as a test. It lives in agent-cli because agent-cli's tests see
 * every published module; samples and benchmarks are not on this class path, and are excluded by
 * name as well so that the rules keep meaning "library code" if that ever changes.
 */
class ArchitectureTest {
    /** Every module's root package below {@code dev.armature}. */
    static final List<String> MODULE_PACKAGES =
            List.of("api", "spi", "core", "monitoring", "security", "integrations", "testing", "cli");

    private static JavaClasses all = new ClassFileImporter().importClasses();
    private static JavaClasses library = all;

    @BeforeAll
    static void importClasses() {
        all = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("dev.armature");
        library = all.that(not(resideInAnyPackage("dev.armature.samples..", "dev.armature.benchmarks..")));
    }

    @Test
    void every_module_is_imported() {
        // Guards the rules below against passing vacuously on an empty or partial class path.
        Set<String> packages = all.stream()
                .map(c -> c.getPackageName().split("\\.", 4))
                .filter(parts -> parts.length >= 3)
                .map(parts -> parts[2])
                .collect(Collectors.toSet());
        assertThat(packages).containsAll(MODULE_PACKAGES);
    }

    @Test
    void the_api_and_spi_depend_only_on_the_jdk_and_jspecify() {
        // javax.crypto is the JDK too: api.config.Keyring hands out javax.crypto.SecretKey, the JDK's
        // own type for a key, so that no keyring has to copy raw key bytes around.
        classes()
                .that()
                .resideInAnyPackage("dev.armature.api..", "dev.armature.spi..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..", "javax.crypto..", "dev.armature.api..", "dev.armature.spi..", "org.jspecify..")
                .check(all);
    }

    @ParameterizedTest(name = "dev.armature.{0}.internal is used only inside dev.armature.{0}")
    @MethodSource("modulePackages")
    void no_module_uses_another_modules_internal_package(String module) {
        String root = "dev.armature." + module;
        noClasses()
                .that()
                .resideOutsideOfPackage(root + "..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(root + ".internal..")
                .check(all);
    }

    static List<String> modulePackages() {
        return MODULE_PACKAGES;
    }

    @Test
    void the_subpackages_of_core_are_free_of_cycles() {
        slices().matching("dev.armature.core.(*)..").should().beFreeOfCycles().check(all);
    }

    @Test
    void the_subpackages_of_the_api_are_free_of_cycles() {
        // The API's root package is in no slice here, and spi is outside dev.armature.api: the root
        // (AgentSystem.Builder) hands its settings to spi.RuntimeProvider as a spi.SystemSpec, and
        // SystemSpec carries api types (Component, ShutdownTask). That mutual reference is by design:
        // the builder must reach the runtime through the SPI, and the SPI must describe the system in
        // API terms. Subpackages such as api.event, api.health and api.time must not form cycles.
        slices().matching("dev.armature.api.(*)..").should().beFreeOfCycles().check(all);
    }

    @Test
    void the_subpackages_of_every_module_are_free_of_cycles() {
        // One rule for every module, as their subpackages appear (monitoring.internal, security.audit…).
        slices().matching("dev.armature.(*).(*)..").should().beFreeOfCycles().check(all);
    }

    @Test
    void modules_do_not_depend_on_each_other_in_a_cycle() {
        // api ↔ spi is the one allowed mutual reference (see above); every other module depends on
        // the API and, through it, on nothing that depends back on it.
        slices().matching("dev.armature.(*)..")
                .should()
                .beFreeOfCycles()
                .ignoreDependency(resideInAPackage("dev.armature.spi.."), resideInAPackage("dev.armature.api.."))
                .check(all);
    }

    @Test
    void library_code_does_not_write_to_standard_streams() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(library);
    }

    @Test
    void library_code_does_not_use_java_util_logging() {
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(library);
    }

    @Test
    void service_loader_is_used_only_by_the_runtime_lookup_and_the_plugin_loader() {
        // One discovery path: RuntimeProvider for the runtime, Plugin for everything else.
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("dev.armature.api.AgentSystem$Builder")
                .and()
                .doNotHaveFullyQualifiedName("dev.armature.core.internal.plugin.PluginLoader")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName(java.util.ServiceLoader.class.getName())
                .check(library);
    }

    @Test
    void no_generic_exceptions_are_thrown() {
        GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(library);
    }

    /**
     * Calls that read the real clock, sleep or draw unseeded chance, bypassing TimeSource, Scheduler
     * and RandomSource. Beyond the four that DESIGN.md names, java.time's now() and Clock.system*(),
     * UUID.randomUUID() and ThreadLocalRandom.current() are the same hazard under other names.
     */
    private static final DescribedPredicate<JavaMethodCall> REAL_TIME_OR_CHANCE =
            DescribedPredicate.describe("a call that reads the real clock, sleeps or draws unseeded chance", call -> {
                String owner = call.getTargetOwner().getName();
                String name = call.getName();
                return switch (owner) {
                    case "java.lang.System" -> name.equals("currentTimeMillis") || name.equals("nanoTime");
                    case "java.lang.Thread" -> name.equals("sleep");
                    case "java.lang.Math", "java.lang.StrictMath" -> name.equals("random");
                    case "java.time.Clock" -> name.startsWith("system");
                    case "java.util.UUID" -> name.equals("randomUUID");
                    case "java.util.concurrent.ThreadLocalRandom" -> name.equals("current");
                    default -> owner.startsWith("java.time.") && name.equals("now");
                };
            });

    /**
     * An unseeded random generator draws chance that no seed reproduces. SecureRandom stays allowed:
     * crypto nonces and the default seed must be unpredictable, not reproducible.
     */
    private static final DescribedPredicate<JavaConstructorCall> UNSEEDED_RANDOM =
            DescribedPredicate.describe("an unseeded java.util random generator", call -> {
                String owner = call.getTargetOwner().getName();
                return (owner.equals("java.util.Random") || owner.equals("java.util.SplittableRandom"))
                        && call.getTarget().getRawParameterTypes().isEmpty();
            });

    @Test
    void no_unseeded_random_generator_is_made() {
        noClasses().should().callConstructorWhere(UNSEEDED_RANDOM).check(library);
    }

    @Test
    void time_and_chance_come_only_from_the_injected_sources() {
        // SystemTimeSource is the one reader of the OS clocks; core.internal.concurrent is the
        // real-time scheduler and the thread joining at close, which must wait in real time.
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("dev.armature.api.time.SystemTimeSource")
                .and()
                .resideOutsideOfPackage("dev.armature.core.internal.concurrent..")
                .should()
                .callMethodWhere(REAL_TIME_OR_CHANCE)
                .check(library);
    }
}
