package dev.armature.monitoring.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** (A copy of agent-core's test helper: test classes are not shared between modules.) Reads the code between {@code // tag::example[]} and {@code // end::example[]} of a source file. */
final class DocSnippets {
    private DocSnippets() {}

    /** The lines between the tag lines, with the tag lines' own indentation removed. */
    static String example(Path source) throws IOException {
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        int begin = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.equals("// tag::example[]")) {
                begin = i;
            } else if (line.equals("// end::example[]")) {
                end = i;
            }
        }
        assertThat(begin).as("tag lines in %s", source).isNotNegative().isLessThan(end);
        int indent = lines.get(begin).indexOf('/');
        List<String> body = new ArrayList<>();
        for (String line : lines.subList(begin + 1, end)) {
            body.add(line.length() >= indent ? line.substring(indent) : line.strip());
        }
        return String.join("\n", body);
    }
}
