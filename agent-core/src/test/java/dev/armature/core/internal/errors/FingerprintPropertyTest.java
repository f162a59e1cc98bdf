package dev.armature.core.internal.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** What must never change a fingerprint, and what must always change it. */
class FingerprintPropertyTest {
    private final Fingerprinter fingerprinter = Fingerprinter.create(List.of());

    /** Exception types, each made with a message. */
    static final List<Function<String, Throwable>> TYPES = List.of(
            IllegalStateException::new,
            IllegalArgumentException::new,
            UnsupportedOperationException::new,
            RuntimeException::new,
            java.io.IOException::new,
            java.util.concurrent.TimeoutException::new,
            ArithmeticException::new,
            java.util.NoSuchElementException::new,
            java.util.ConcurrentModificationException::new,
            SecurityException::new);

    /** A frame before line numbers: class and method. */
    record Site(String className, String method) {}

    private static Throwable build(List<Integer> types, List<List<Site>> frames, Function<Integer, Integer> lines) {
        Throwable outer = null;
        Throwable last = null;
        for (int i = 0; i < types.size(); i++) {
            Throwable t = TYPES.get(types.get(i)).apply("failure " + i);
            List<Site> sites = frames.get(i);
            StackTraceElement[] trace = new StackTraceElement[sites.size()];
            for (int f = 0; f < trace.length; f++) {
                trace[f] = new StackTraceElement(sites.get(f).className, sites.get(f).method, "S.java", lines.apply(f));
            }
            t.setStackTrace(trace);
            if (last == null) {
                outer = t;
            } else {
                last.initCause(t);
            }
            last = t;
        }
        return java.util.Objects.requireNonNull(outer);
    }

    @Provide
    Arbitrary<Site> site() {
        Arbitrary<String> classes = Arbitraries.of(
                "com.example.app.Agent",
                "com.example.app.ModelClient",
                "com.example.app.Tools$Runner",
                "org.lib.Http",
                "java.util.concurrent.FutureTask",
                "org.junit.platform.Engine");
        Arbitrary<String> methods =
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6);
        return Combinators.combine(classes, methods).as(Site::new);
    }

    @Provide
    Arbitrary<List<Integer>> types() {
        return Arbitraries.integers()
                .between(0, TYPES.size() - 1)
                .list()
                .ofMinSize(1)
                .ofMaxSize(3);
    }

    @Provide
    Arbitrary<List<List<Site>>> frames() {
        return site().list().ofMinSize(0).ofMaxSize(8).list().ofSize(3);
    }

    @Property
    void line_numbers_never_matter(
            @ForAll("types") List<Integer> types, @ForAll("frames") List<List<Site>> frames, @ForAll int seed) {
        Throwable a = build(types, frames, f -> f + 1);
        Throwable b = build(types, frames, f -> Math.floorMod(seed * 31 + f * 7919, 100_000));

        assertThat(fingerprinter.fingerprint(b)).isEqualTo(fingerprinter.fingerprint(a));
    }

    @Property
    void lambda_indices_never_matter(
            @ForAll @IntRange(min = 0, max = 100_000) int classIndex,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int address,
            @ForAll @IntRange(min = 0, max = 999) int methodIndex) {
        Throwable base = lambdaError(1, 0x0800c01234L, 0);
        Throwable other = lambdaError(classIndex, 0x0800000000L + address, methodIndex);

        assertThat(fingerprinter.fingerprint(other)).isEqualTo(fingerprinter.fingerprint(base));
    }

    private static Throwable lambdaError(int classIndex, long address, int methodIndex) {
        Throwable t = new IllegalStateException("x");
        t.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("com.example.app.Tools", "check", "Tools.java", 3),
            new StackTraceElement(
                    "com.example.app.Agent$$Lambda$" + classIndex + "/0x" + String.format("%016x", address),
                    "apply",
                    null,
                    -1),
            new StackTraceElement("com.example.app.Agent", "lambda$step$" + methodIndex, "Agent.java", 40),
            new StackTraceElement("com.example.app.Agent$" + (methodIndex + 1), "run", "Agent.java", 41),
            new StackTraceElement("com.example.app.Agent", "access$" + classIndex, "Agent.java", 1)
        });
        return t;
    }

    @Provide
    Arbitrary<String> generatedHash() {
        return Arbitraries.strings()
                .withChars("0123456789abcdef")
                .ofMinLength(1)
                .ofMaxLength(12);
    }

    @Property
    void proxy_numbers_and_generated_hashes_never_matter(
            @ForAll @IntRange(min = 0, max = 10_000) int proxy,
            @ForAll("generatedHash") String cglib,
            @ForAll @IntRange(min = 0, max = 99) int spring,
            @ForAll @IntRange(min = 0, max = 999) int javassist,
            @ForAll @IntRange(min = 0, max = 9_999) int accessor,
            @ForAll("generatedHash") String byteBuddy) {
        Throwable base = proxiedError(1, "abc", 0, 1, 1, "x");
        Throwable other = proxiedError(proxy, cglib, spring, javassist, accessor, byteBuddy);

        assertThat(fingerprinter.fingerprint(other)).isEqualTo(fingerprinter.fingerprint(base));
    }

    private static Throwable proxiedError(int proxy, String cglib, int spring, int javassist, int accessor, String bb) {
        Throwable t = new UnsupportedOperationException("x");
        t.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("jdk.proxy2.$Proxy" + proxy, "call", null, -1),
            new StackTraceElement("com.example.app.Service$$EnhancerByCGLIB$$" + cglib, "run", null, -1),
            new StackTraceElement("jdk.internal.reflect.GeneratedMethodAccessor" + accessor, "invoke", null, -1),
            new StackTraceElement("com.example.app.Repo$$SpringCGLIB$$" + spring, "save", null, -1),
            new StackTraceElement("com.example.app.Cache$$FastClassByCGLIB$$" + cglib, "invoke", null, -1),
            new StackTraceElement("com.example.app.Repo_$$_jvst" + javassist + "_" + spring, "find", null, -1),
            new StackTraceElement("com.example.app.Api$$ByteBuddy$$" + bb, "get", null, -1)
        });
        return t;
    }

    @Provide
    Arbitrary<String> uuid() {
        return Arbitraries.randomValue(r -> new java.util.UUID(r.nextLong(), r.nextLong()).toString());
    }

    @Provide
    Arbitrary<String> ip() {
        Arbitrary<String> v4 = Arbitraries.integers()
                .between(0, 255)
                .list()
                .ofSize(4)
                .map(parts ->
                        String.join(".", parts.stream().map(String::valueOf).toList()));
        Arbitrary<String> v6 = Arbitraries.integers()
                .between(0, 0xffff)
                .list()
                .ofSize(8)
                .map(parts -> String.join(
                        ":", parts.stream().map(Integer::toHexString).toList()));
        Arbitrary<String> bracketed = v6.map(a -> "[" + a + "]");
        return Arbitraries.oneOf(v4, v6, bracketed);
    }

    @Provide
    Arbitrary<String> timestamp() {
        return Arbitraries.longs().between(0, 4_102_444_800_000L).map(ms -> java.time.Instant.ofEpochMilli(ms)
                .toString());
    }

    @Property
    void ports_uuids_numbers_durations_and_timestamps_in_a_message_never_matter(
            @ForAll("uuid") String uuid,
            @ForAll("ip") String ip,
            @ForAll @IntRange(min = 0, max = 65_535) int port,
            @ForAll @IntRange(min = 0, max = 1_000_000) int number,
            @ForAll @IntRange(min = 1, max = 100_000) int millis,
            @ForAll("timestamp") String timestamp) {
        Throwable base =
                messageOnly("00000000-0000-0000-0000-000000000000", "127.0.0.1", 1, 0, 1, "1970-01-01T00:00:00Z");
        Throwable other = messageOnly(uuid, ip, port, number, millis, timestamp);

        assertThat(fingerprinter.explain(other).messageTemplate())
                .isEqualTo(fingerprinter.explain(base).messageTemplate());
        assertThat(fingerprinter.fingerprint(other)).isEqualTo(fingerprinter.fingerprint(base));
    }

    private static Throwable messageOnly(String uuid, String ip, int port, int number, int millis, String at) {
        boolean portable = !ip.contains(":") || ip.startsWith("[");
        Throwable t = new java.util.concurrent.TimeoutException(
                "request " + uuid + " to " + ip + (portable ? ":" + port : "") + " (attempt " + number
                        + ") timed out after " + millis + "ms at " + at + ", epoch " + number * 1000L);
        t.setStackTrace(new StackTraceElement[] {new StackTraceElement("java.lang.Thread", "run", null, -1)});
        return t;
    }

    @Provide
    Arbitrary<List<String>> distinctMethods() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .ofMinLength(1)
                .ofMaxLength(8)
                .list()
                .ofMinSize(7)
                .ofMaxSize(7)
                .uniqueElements();
    }

    @Property
    void a_different_in_app_method_always_changes_the_fingerprint(
            @ForAll("distinctMethods") List<String> methods,
            @ForAll @IntRange(min = 0, max = Fingerprinter.FRAMES_PER_EXCEPTION - 1) int changed) {
        // The first six name the frames; the seventh, used nowhere, replaces one of the counted ones.
        List<Site> frames = new ArrayList<>();
        for (String m : methods.subList(0, 6)) {
            frames.add(new Site("com.example.app.Agent", m));
        }
        List<Site> altered = new ArrayList<>(frames);
        altered.set(changed, new Site("com.example.app.Agent", methods.get(6)));

        Throwable a = build(List.of(0), List.of(frames), f -> 1);
        Throwable b = build(List.of(0), List.of(altered), f -> 1);

        assertThat(fingerprinter.fingerprint(b)).isNotEqualTo(fingerprinter.fingerprint(a));
    }

    @Property
    void a_different_exception_type_in_the_chain_always_changes_the_fingerprint(
            @ForAll("types") List<Integer> types,
            @ForAll("frames") List<List<Site>> frames,
            @ForAll @IntRange(min = 0, max = 2) int position,
            @ForAll @IntRange(min = 1, max = 9) int shift) {
        int at = position % types.size();
        List<Integer> altered = new ArrayList<>(types);
        altered.set(at, (types.get(at) + shift) % TYPES.size());

        Throwable a = build(types, frames, f -> 1);
        Throwable b = build(altered, frames, f -> 1);

        assertThat(fingerprinter.fingerprint(b)).isNotEqualTo(fingerprinter.fingerprint(a));
    }
}
