package dev.armature.core.internal.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.resilience.Fingerprint;
import dev.armature.api.resilience.FingerprintExplanation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden corpus of version 1 fingerprints ({@code fingerprint-golden/corpus.txt}): each case's
 * fingerprint and explanation are pinned, so that the algorithm cannot drift within a version.
 */
class FingerprintGoldenTest {
    private static final String CORPUS = "/fingerprint-golden/corpus.txt";

    /** One exception of a case: its type, message and frames. */
    record Shape(String type, @Nullable String message, List<StackTraceElement> frames) {}

    /** One case of the corpus. */
    record Case(
            String name,
            List<String> inApp,
            List<Shape> chain,
            boolean loop,
            Fingerprint expected,
            List<String> types,
            List<String> frames,
            Optional<String> template,
            List<String> notes) {

        Throwable build() throws ReflectiveOperationException {
            List<Throwable> built = new ArrayList<>();
            for (Shape s : chain) {
                Throwable t = Class.forName(s.type)
                        .asSubclass(Throwable.class)
                        .getConstructor(String.class)
                        .newInstance(s.message);
                t.setStackTrace(s.frames.toArray(StackTraceElement[]::new));
                if (!built.isEmpty()) {
                    built.get(built.size() - 1).initCause(t);
                }
                built.add(t);
            }
            if (loop) {
                built.get(built.size() - 1).initCause(built.get(0));
            }
            return built.get(0);
        }
    }

    @TestFactory
    Stream<DynamicTest> every_case_has_its_pinned_fingerprint_and_explanation() throws IOException {
        return cases().stream()
                .map(c -> DynamicTest.dynamicTest(c.name, () -> {
                    Fingerprinter fingerprinter = Fingerprinter.create(c.inApp);
                    Throwable error = c.build();

                    FingerprintExplanation explanation = fingerprinter.explain(error);

                    assertThat(explanation.exceptionTypes()).as("types").isEqualTo(c.types);
                    assertThat(explanation.frames()).as("frames").isEqualTo(c.frames);
                    assertThat(explanation.messageTemplate()).as("template").isEqualTo(c.template);
                    assertThat(explanation.notes()).as("notes").isEqualTo(c.notes);
                    assertThat(explanation.fingerprint())
                            .as("explained fingerprint")
                            .isEqualTo(c.expected);
                    assertThat(fingerprinter.fingerprint(error))
                            .as("fingerprint")
                            .isEqualTo(c.expected);
                }));
    }

    @Test
    void the_corpus_pins_invariance_and_difference() throws IOException {
        List<Case> all = cases();
        // Pairs written to differ only in what must not matter share a fingerprint...
        assertThat(byName(all, "the same error at other lines with another message").expected)
                .isEqualTo(byName(all, "in-app frames, JDK and test frames skipped").expected);
        assertThat(byName(all, "lambda frames of another build").expected)
                .isEqualTo(byName(all, "lambda frames").expected);
        assertThat(byName(all, "other proxy numbers and hashes").expected)
                .isEqualTo(byName(all, "proxies and generated subclasses").expected);
        assertThat(byName(all, "no in-app frame, other values in the message").expected)
                .isEqualTo(byName(all, "no in-app frame, the message stands in").expected);
        // ...and a different type in the chain does not.
        assertThat(byName(all, "two causes, the inner one of another type").expected)
                .isNotEqualTo(byName(all, "two causes, frames of the outer only").expected);
        assertThat(all.stream().map(c -> c.expected).distinct()).hasSize(all.size() - 4);
    }

    private static Case byName(List<Case> all, String name) {
        return all.stream().filter(c -> c.name.equals(name)).findFirst().orElseThrow();
    }

    static List<Case> cases() throws IOException {
        String text;
        try (InputStream in = Objects.requireNonNull(
                FingerprintGoldenTest.class.getResourceAsStream(CORPUS), CORPUS + " on the test class path")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> out = new ArrayList<>();
        Parser p = new Parser();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (p.line(line)) {
                out.add(p.finish());
                p = new Parser();
            }
        }
        assertThat(out).as("cases in %s", CORPUS).isNotEmpty();
        return out;
    }

    /** Reads one case, line by line. */
    private static final class Parser {
        String name = "";
        List<String> inApp = List.of();
        final List<Shape> chain = new ArrayList<>();
        boolean loop;

        @Nullable
        Fingerprint expected;

        List<String> types = List.of();
        List<String> frames = List.of();
        Optional<String> template = Optional.empty();
        final List<String> notes = new ArrayList<>();

        /** Takes a line; returns true at the end of the case. */
        boolean line(String line) {
            if (line.startsWith("  at ")) {
                chain.get(chain.size() - 1).frames.add(frame(line.substring(5)));
                return false;
            }
            int colon = line.indexOf(':');
            String key = line.substring(0, colon < 0 ? line.length() : colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).strip();
            switch (key) {
                case "case" -> name = value;
                case "in-app" -> inApp = List.of(value.split("\\s*,\\s*", -1));
                case "throw", "cause" -> chain.add(shape(value));
                case "loop" -> loop = value.equals("yes");
                case "expect" -> expected = Fingerprint.parse(value);
                case "types" -> types = list(value);
                case "frames" -> frames = list(value);
                case "template" -> template = value.equals("<none>") ? Optional.empty() : Optional.of(value);
                case "note" -> notes.add(value);
                case "end" -> {
                    return true;
                }
                default -> throw new IllegalArgumentException("unknown line in " + CORPUS + ": " + line);
            }
            return false;
        }

        Case finish() {
            return new Case(
                    name,
                    inApp,
                    chain,
                    loop,
                    Objects.requireNonNull(expected, () -> "no expect: line in case " + name),
                    types,
                    frames,
                    template,
                    notes);
        }

        private static List<String> list(String value) {
            return value.isEmpty() ? List.of() : Arrays.asList(value.split(" \\| ", -1));
        }

        private static Shape shape(String value) {
            int colon = value.indexOf(": ");
            return colon < 0
                    ? new Shape(value, null, new ArrayList<>())
                    : new Shape(value.substring(0, colon), value.substring(colon + 2), new ArrayList<>());
        }

        /** Reads {@code class.method(File.java:12)}, {@code (Unknown Source)} or {@code (Native Method)}. */
        private static StackTraceElement frame(String text) {
            int paren = text.indexOf('(');
            String qualified = text.substring(0, paren);
            int dot = qualified.lastIndexOf('.');
            String location = text.substring(paren + 1, text.length() - 1);
            int colon = location.lastIndexOf(':');
            String file = colon < 0 ? location : location.substring(0, colon);
            int line = colon < 0
                    ? (location.equals("Native Method") ? -2 : -1)
                    : Integer.parseInt(location.substring(colon + 1));
            return new StackTraceElement(
                    qualified.substring(0, dot),
                    qualified.substring(dot + 1),
                    location.equals("Native Method") || location.equals("Unknown Source") ? null : file,
                    line);
        }
    }
}
