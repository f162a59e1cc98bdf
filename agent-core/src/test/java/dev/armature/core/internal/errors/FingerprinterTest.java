package dev.armature.core.internal.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.resilience.Fingerprint;
import dev.armature.api.resilience.FingerprintExplanation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FingerprinterTest {
    private final Fingerprinter fingerprinter = Fingerprinter.create(List.of());

    static <T extends Throwable> T withFrames(T t, String... classAndMethod) {
        StackTraceElement[] trace = new StackTraceElement[classAndMethod.length];
        for (int i = 0; i < trace.length; i++) {
            int hash = classAndMethod[i].indexOf('#');
            trace[i] = new StackTraceElement(
                    classAndMethod[i].substring(0, hash), classAndMethod[i].substring(hash + 1), "X.java", 10 + i);
        }
        t.setStackTrace(trace);
        return t;
    }

    @Test
    void the_fingerprint_is_the_head_of_the_sha256_of_the_documented_text() throws Exception {
        var error = withFrames(
                new IllegalStateException("x"),
                "java.util.Objects#requireNonNull",
                "com.example.A#b",
                "com.example.C#d");
        byte[] sha = MessageDigest.getInstance("SHA-256")
                .digest("T java.lang.IllegalStateException\nF com.example.A#b\nF com.example.C#d\n"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(fingerprinter.fingerprint(error))
                .isEqualTo(new Fingerprint(1, HexFormat.of().formatHex(sha, 0, 8)));
    }

    @Test
    void the_message_counts_only_when_the_chain_has_no_in_app_frame() {
        var withFrame = withFrames(new IllegalStateException("quota of tenant a exceeded"), "com.example.A#b");
        var sameFrameOtherMessage = withFrames(new IllegalStateException("disk full"), "com.example.A#b");
        var noFrame = withFrames(new IllegalStateException("quota of tenant a exceeded"), "java.lang.Thread#run");
        var noFrameOtherMessage = withFrames(new IllegalStateException("disk full"), "java.lang.Thread#run");

        assertThat(fingerprinter.fingerprint(withFrame)).isEqualTo(fingerprinter.fingerprint(sameFrameOtherMessage));
        assertThat(fingerprinter.fingerprint(noFrame)).isNotEqualTo(fingerprinter.fingerprint(noFrameOtherMessage));
        assertThat(fingerprinter.explain(withFrame).messageTemplate()).isEmpty();
        assertThat(fingerprinter.explain(noFrame).messageTemplate()).contains("quota of tenant a exceeded");
    }

    @Test
    void suppressed_exceptions_do_not_count() {
        var plain = withFrames(new IllegalStateException("x"), "com.example.A#b");
        var suppressing = withFrames(new IllegalStateException("x"), "com.example.A#b");
        suppressing.addSuppressed(withFrames(new java.io.IOException("close failed"), "com.example.Z#close"));

        assertThat(fingerprinter.fingerprint(suppressing)).isEqualTo(fingerprinter.fingerprint(plain));
    }

    @Test
    void a_long_cause_chain_is_cut_and_said_so() {
        Throwable error = withFrames(new RuntimeException("0"), "com.example.A#b");
        Throwable inner = error;
        for (int i = 1; i < Fingerprinter.MAX_CHAIN + 5; i++) {
            Throwable next = withFrames(new RuntimeException(String.valueOf(i)), "com.example.A#b");
            inner.initCause(next);
            inner = next;
        }

        FingerprintExplanation explanation = fingerprinter.explain(error);

        assertThat(explanation.exceptionTypes()).hasSize(Fingerprinter.MAX_CHAIN);
        assertThat(explanation.notes()).contains("the cause chain was cut after 10 exceptions");
    }

    @Test
    void only_the_first_frames_of_each_exception_count() {
        String[] frames = new String[Fingerprinter.FRAMES_PER_EXCEPTION + 3];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = "com.example.A#m" + (char) ('a' + i);
        }
        var error = withFrames(new IllegalStateException(), frames);

        assertThat(fingerprinter.explain(error).frames())
                .containsExactly(
                        "com.example.A#ma",
                        "com.example.A#mb",
                        "com.example.A#mc",
                        "com.example.A#md",
                        "com.example.A#me");
    }

    @Test
    void in_app_packages_match_whole_package_names() {
        Fingerprinter only = Fingerprinter.create(List.of("com.example.agent"));
        var error = withFrames(
                new IllegalStateException(),
                "com.example.agentsmith.X#y",
                "com.example.agent.sub.A#b",
                "org.lib.C#d",
                "com.example.agent.E#f");

        assertThat(only.explain(error).frames()).containsExactly("com.example.agent.sub.A#b", "com.example.agent.E#f");
        assertThat(fingerprinter.explain(error).frames()).hasSize(4);
    }

    @ParameterizedTest
    @CsvSource({"com example", "com..example", "1com.example", "''"})
    void an_in_app_entry_that_is_no_package_name_is_refused(String entry) {
        assertThatThrownBy(() -> Fingerprinter.create(List.of(entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + entry + "' is not a Java package name");
    }

    @Test
    void fingerprints_stay_correct_past_the_class_cache() {
        for (int i = 0; i < Fingerprinter.CLASS_CACHE_SIZE + 10; i++) {
            fingerprinter.fingerprint(withFrames(new IllegalStateException(), "com.example.C" + i + "#m"));
        }
        var a = withFrames(new IllegalStateException(), "com.example.Late$$Lambda$1/0x1#run", "com.example.Late$7#m");
        var b = withFrames(new IllegalStateException(), "com.example.Late$$Lambda$2/0x2#run", "com.example.Late$9#m");

        assertThat(fingerprinter.fingerprint(a)).isEqualTo(fingerprinter.fingerprint(b));
        assertThat(fingerprinter.explain(a).frames()).containsExactly("com.example.Late#m");
    }
}
