package dev.armature.core.functional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.AgentSystem;
import dev.armature.api.ArmatureException;
import dev.armature.api.ModuleMissingException;
import dev.armature.api.ProvidedBy;
import org.junit.jupiter.api.Test;

class ServiceLookupTest {
    /** Stands for a service of a module that this test's class path lacks. */
    @ProvidedBy("dev.armature:agent-monitoring")
    interface AbsentService {}

    interface NotAService {}

    @Test
    void a_service_of_an_absent_module_names_the_artifact_to_add() {
        try (AgentSystem system = AgentSystem.builder().build()) {
            assertThatThrownBy(() -> system.service(AbsentService.class))
                    .isInstanceOf(ModuleMissingException.class)
                    .hasMessageContaining("dev.armature:agent-monitoring")
                    .hasMessageContaining(AbsentService.class.getName());
        }
    }

    @Test
    void a_type_that_no_module_claims_is_refused_with_a_typed_error() {
        try (AgentSystem system = AgentSystem.builder().build()) {
            assertThatThrownBy(() -> system.service(NotAService.class))
                    .isInstanceOf(ArmatureException.class)
                    .isNotInstanceOf(ModuleMissingException.class)
                    .hasMessageContaining(NotAService.class.getName());
        }
    }
}
