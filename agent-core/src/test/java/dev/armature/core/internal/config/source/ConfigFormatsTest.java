package dev.armature.core.internal.config.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.armature.api.config.ConfigException;
import dev.armature.spi.config.SourceValue;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigFormatsTest {
    private static final String SECRET = "s3cr3tV4lue";

    /** Returns the texts, keeping the order. */
    private static Map<String, String> texts(Map<String, SourceValue> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.text()));
        return out;
    }

    private static Map<String, String> locations(Map<String, SourceValue> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.location().orElse("?")));
        return out;
    }

    @Test
    void yaml_nests_keys_indexes_lists_and_keeps_scalars_as_written() {
        String yaml =
                """
                # defaults
                armature:
                  model:
                    timeout: 30
                    enabled: true
                    ratio: 1.50
                    name: "chat"
                  models:
                    - gpt
                    - name: local
                      size: 7
                    - [1, 2]
                  empty-map: {}
                  empty-list: []
                  nothing: ~
                  blank:
                  quoted-null: "null"
                x:
                  a.b: dotted
                "%prod":
                  agent.x: 1
                """;
        Map<String, SourceValue> parsed = ConfigFormats.parse(yaml, ConfigFormat.YAML, "conf.yaml");
        assertThat(texts(parsed))
                .containsExactly(
                        entry("armature.model.timeout", "30"),
                        entry("armature.model.enabled", "true"),
                        entry("armature.model.ratio", "1.50"),
                        entry("armature.model.name", "chat"),
                        entry("armature.models[0]", "gpt"),
                        entry("armature.models[1].name", "local"),
                        entry("armature.models[1].size", "7"),
                        entry("armature.models[2][0]", "1"),
                        entry("armature.models[2][1]", "2"),
                        entry("armature.nothing", ""),
                        entry("armature.blank", ""),
                        entry("armature.quoted-null", "null"),
                        entry("x.a.b", "dotted"),
                        entry("%prod.agent.x", "1"));
        assertThat(locations(parsed))
                .containsEntry("armature.model.timeout", "conf.yaml:4")
                .containsEntry("armature.model.name", "conf.yaml:7")
                .containsEntry("armature.models[0]", "conf.yaml:9")
                .containsEntry("armature.models[1].size", "conf.yaml:11")
                .containsEntry("armature.models[2][1]", "conf.yaml:12")
                .containsEntry("armature.nothing", "conf.yaml:15")
                .containsEntry("%prod.agent.x", "conf.yaml:21");
    }

    @Test
    void yaml_block_scalars_are_located_where_they_start() {
        String yaml = "a:\n  prompt: |\n    line one\n    line two\nb: 2\n";
        Map<String, SourceValue> parsed = ConfigFormats.parse(yaml, ConfigFormat.YAML, "p.yaml");
        assertThat(texts(parsed)).containsExactly(entry("a.prompt", "line one\nline two\n"), entry("b", "2"));
        assertThat(locations(parsed)).containsExactly(entry("a.prompt", "p.yaml:2"), entry("b", "p.yaml:5"));
    }

    @Test
    void json_nests_keys_indexes_lists_and_keeps_numbers_as_written() {
        String json =
                """
                {
                  "armature": {
                    "timeout": 30,
                    "ratio": 1.5e3,
                    "on": false,
                    "none": null,
                    "list": [ "a", { "b": 1 }, [] ],
                    "empty": {}
                  }
                }
                """;
        Map<String, SourceValue> parsed = ConfigFormats.parse(json, ConfigFormat.JSON, "c.json");
        assertThat(texts(parsed))
                .containsExactly(
                        entry("armature.timeout", "30"),
                        entry("armature.ratio", "1.5e3"),
                        entry("armature.on", "false"),
                        entry("armature.none", ""),
                        entry("armature.list[0]", "a"),
                        entry("armature.list[1].b", "1"));
        assertThat(locations(parsed))
                .containsExactly(
                        entry("armature.timeout", "c.json:3"),
                        entry("armature.ratio", "c.json:4"),
                        entry("armature.on", "c.json:5"),
                        entry("armature.none", "c.json:6"),
                        entry("armature.list[0]", "c.json:7"),
                        entry("armature.list[1].b", "c.json:7"));
    }

    @Test
    void properties_follow_the_properties_format_and_locate_each_value_on_its_first_line() {
        String text =
                """
                # comment
                ! also a comment
                a.b = 1
                  c:2
                d 3
                long = one \\
                    two
                unicode=caf\\u00e9
                esc\\ aped\\=key = tab\\there
                empty
                a.b = last
                """;
        Map<String, SourceValue> parsed = ConfigFormats.parse(text, ConfigFormat.PROPERTIES, "x.properties");
        assertThat(texts(parsed))
                .containsExactly(
                        entry("c", "2"),
                        entry("d", "3"),
                        entry("long", "one two"),
                        entry("unicode", "café"),
                        entry("esc aped=key", "tab\there"),
                        entry("empty", ""),
                        entry("a.b", "last"));
        assertThat(locations(parsed))
                .containsExactly(
                        entry("c", "x.properties:4"),
                        entry("d", "x.properties:5"),
                        entry("long", "x.properties:6"),
                        entry("unicode", "x.properties:8"),
                        entry("esc aped=key", "x.properties:9"),
                        entry("empty", "x.properties:10"),
                        entry("a.b", "x.properties:11"));
    }

    @Test
    void properties_count_crlf_and_lone_cr_as_one_line_break_each() {
        Map<String, SourceValue> parsed = ConfigFormats.parse("a=1\r\nb=2\rc=3\n\r\nd=4", ConfigFormat.PROPERTIES, "p");
        assertThat(locations(parsed))
                .containsExactly(entry("a", "p:1"), entry("b", "p:2"), entry("c", "p:3"), entry("d", "p:5"));
    }

    @Test
    void a_key_given_twice_keeps_the_last_value_and_its_line_and_drops_what_the_first_one_nested() {
        String yaml = "a:\n  x: 1\n  y: 2\nb: 0\na: 3\n";
        Map<String, SourceValue> parsed = ConfigFormats.parse(yaml, ConfigFormat.YAML, "d.yaml");
        assertThat(texts(parsed)).containsExactly(entry("b", "0"), entry("a", "3"));
        assertThat(locations(parsed)).containsEntry("a", "d.yaml:5");
    }

    @Test
    void empty_documents_have_no_keys() {
        assertThat(ConfigFormats.parse("", ConfigFormat.YAML, "e")).isEmpty();
        assertThat(ConfigFormats.parse("# only a comment\n", ConfigFormat.YAML, "e"))
                .isEmpty();
        assertThat(ConfigFormats.parse("---\n", ConfigFormat.YAML, "e")).isEmpty();
        assertThat(ConfigFormats.parse("", ConfigFormat.JSON, "e")).isEmpty();
        assertThat(ConfigFormats.parse("{}", ConfigFormat.JSON, "e")).isEmpty();
        assertThat(ConfigFormats.parse("\n# c\n", ConfigFormat.PROPERTIES, "e")).isEmpty();
    }

    @Test
    void the_result_is_unmodifiable() {
        Map<String, SourceValue> parsed = ConfigFormats.parse("a: 1", ConfigFormat.YAML, "u");
        assertThatThrownBy(() -> parsed.put("b", SourceValue.of("2")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "YAML | 'a: 1\nb: " + SECRET + ": x\n' | 2 | 5",
                "YAML | 'a:\n  b: 1\n c: " + SECRET + "\n' | 3",
                "YAML | 'a: \"" + SECRET + "\n' | 2",
                "YAML | 'a: [" + SECRET + "\n' | 2",
                "YAML | 'a:\n\t- " + SECRET + "\n' | 2",
                "JSON | '{\"a\": 1,\n \"b\": " + SECRET + "}' | 2",
                "JSON | '{\"a\": \"" + SECRET + "' | 1",
                "JSON | '{\"a\": [1, 2}\n' | 1",
                "JSON | '{\"a\": 1,}' | 1",
                "JSON | '{\"a\": 01" + SECRET + "}' | 1",
            })
    void a_syntax_error_names_the_position_but_not_the_text_there(ConfigFormat format, String text, int line) {
        assertThatThrownBy(() -> ConfigFormats.parse(text, format, "/etc/app/conf"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.code()).isEqualTo("armature.config.parse");
                    assertThat(e.key()).isEmpty();
                    assertThat(e.getCause()).isNotNull();
                    assertThat(e.getMessage())
                            .startsWith("/etc/app/conf:" + line + ":")
                            .matches("(?s)/etc/app/conf:\\d+:\\d+: not valid " + format + ".*; fix the document.*")
                            .doesNotContain(SECRET)
                            .doesNotContain("s3cr");
                });
    }

    @Test
    void a_yaml_error_names_line_and_column_exactly() {
        assertThatThrownBy(() -> ConfigFormats.parse("a: 1\nb: c: d\n", ConfigFormat.YAML, "f.yaml"))
                .hasMessageStartingWith("f.yaml:2:5: not valid YAML: a ':' where no mapping can start");
    }

    @Test
    void a_json_error_names_line_and_column_exactly() {
        assertThatThrownBy(() -> ConfigFormats.parse("{\n  \"a\": nope\n}", ConfigFormat.JSON, "f.json"))
                .hasMessageStartingWith("f.json:2:")
                .hasMessageContaining("a word that is not a JSON value")
                .hasMessageNotContaining("nope");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"YAML | '- a\n- b\n'", "YAML | 'just text'", "JSON | '[1, 2]'", "JSON | '\"text\"'", "JSON | '42'"
            })
    void a_top_level_that_is_not_a_mapping_is_refused(ConfigFormat format, String text) {
        assertThatThrownBy(() -> ConfigFormats.parse(text, format, "top"))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.code()).isEqualTo("armature.config.parse"))
                .hasMessageStartingWith("top:1:1: the top level must be a mapping");
    }

    @Test
    void several_yaml_documents_are_refused() {
        assertThatThrownBy(() -> ConfigFormats.parse("a: 1\n---\nb: 2\n", ConfigFormat.YAML, "m.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("m.yaml:3:1: the file holds more than one YAML document");
    }

    @Test
    void several_json_values_are_refused() {
        assertThatThrownBy(() -> ConfigFormats.parse("{\"a\": 1}\n{\"b\": 2}", ConfigFormat.JSON, "m.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("m.json:2:1: the file holds more than one JSON value");
    }

    @Test
    void yaml_anchors_are_allowed_but_aliases_are_refused() {
        assertThat(texts(ConfigFormats.parse("a: &x 1\nb: 2\n", ConfigFormat.YAML, "y")))
                .containsExactly(entry("a", "1"), entry("b", "2"));
        assertThatThrownBy(() -> ConfigFormats.parse("a: &x 1\nb: *x\n", ConfigFormat.YAML, "y"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("y:2:4: YAML aliases (*name) are not supported");
        assertThatThrownBy(() -> ConfigFormats.parse("base: &b {x: 1}\nc:\n  <<: *b\n", ConfigFormat.YAML, "y"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("aliases");
    }

    @Test
    void a_malformed_unicode_escape_in_properties_names_its_line() {
        assertThatThrownBy(() -> ConfigFormats.parse("a=1\nb=\\u12G4" + SECRET + "\n", ConfigFormat.PROPERTIES, "p"))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.code()).isEqualTo("armature.config.parse"))
                .hasMessageStartingWith("p:2: not valid properties: a \\u escape")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void write_rebuilds_nested_mappings_and_lists() {
        Map<String, String> flat = new LinkedHashMap<>();
        flat.put("a.b", "1");
        flat.put("a.list[0]", "x");
        flat.put("a.list[1].name", "y");
        flat.put("a.list[2][0]", "");
        flat.put("%prod.c", "true");
        assertThat(ConfigFormats.write(flat, ConfigFormat.JSON))
                .isEqualTo("{\"a\":{\"b\":\"1\",\"list\":[\"x\",{\"name\":\"y\"},[\"\"]]},\"%prod\":{\"c\":\"true\"}}");
        for (ConfigFormat format : ConfigFormat.values()) {
            assertThat(texts(ConfigFormats.parse(ConfigFormats.write(flat, format), format, "w")))
                    .as("%s", format)
                    .containsExactlyEntriesOf(flat);
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "a | a.b",
                "a.b | a",
                "a[0] | a.b",
                "a[1] | a.x[0]",
                "a..b | c",
                "a[x] | c",
                "a[01] | c",
                "[0] | c",
                "a. | c",
            })
    void write_refuses_keys_that_do_not_form_a_tree(String first, String second) {
        Map<String, String> flat = new LinkedHashMap<>();
        flat.put(first, "1");
        flat.put(second, "2");
        assertThatThrownBy(() -> ConfigFormats.write(flat, ConfigFormat.YAML))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigFormats.write(flat, ConfigFormat.JSON))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ConfigFormats.write(flat, ConfigFormat.PROPERTIES)).isNotEmpty();
    }

    @Test
    void the_format_follows_the_extension_ignoring_case() {
        assertThat(ConfigFormat.ofFileName("armature.yaml")).contains(ConfigFormat.YAML);
        assertThat(ConfigFormat.ofFileName("ARMATURE.YML")).contains(ConfigFormat.YAML);
        assertThat(ConfigFormat.ofFileName("a.json")).contains(ConfigFormat.JSON);
        assertThat(ConfigFormat.ofFileName("a.properties")).contains(ConfigFormat.PROPERTIES);
        assertThat(ConfigFormat.ofFileName("a.toml")).isEmpty();
        assertThat(ConfigFormat.ofFileName(".yaml")).isEmpty();
        assertThat(ConfigFormat.ofFileName("yaml")).isEmpty();
    }
}
