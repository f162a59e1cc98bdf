package dev.armature.core.internal.config.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.config.ConfigException;
import dev.armature.spi.config.ConfigSource;
import dev.armature.spi.config.SourceValue;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathConfigSourceTest {
    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dir;

    private URLClassLoader loaderOf(Path... roots) throws Exception {
        URL[] urls = new URL[roots.length];
        for (int i = 0; i < roots.length; i++) {
            urls[i] = roots[i].toUri().toURL();
        }
        return new URLClassLoader(urls, null);
    }

    @Test
    void a_resource_is_read_and_located_by_its_url_and_line() throws Exception {
        Path root = Files.createDirectory(dir.resolve("one"));
        Path file = Files.writeString(root.resolve("armature.yaml"), "# defaults\narmature:\n  x: 1\n");
        try (URLClassLoader loader = loaderOf(root)) {
            ClasspathConfigSource source =
                    new ClasspathConfigSource(loader, "armature.yaml", ConfigSource.CLASSPATH_ORDINAL);
            assertThat(source.name()).isEqualTo("classpath:armature.yaml");
            assertThat(source.ordinal()).isEqualTo(100);
            assertThat(source.read())
                    .containsExactly(org.assertj.core.api.Assertions.entry(
                            "armature.x", SourceValue.at("1", file.toUri().toURL() + ":3")));
        }
    }

    @Test
    void an_absent_resource_reads_as_no_values() throws Exception {
        try (URLClassLoader loader = loaderOf(dir)) {
            assertThat(new ClasspathConfigSource(loader, "armature.yaml", 100).read())
                    .isEmpty();
        }
    }

    @Test
    void of_several_copies_the_first_on_the_class_path_is_read() throws Exception {
        Path first = Files.createDirectory(dir.resolve("first"));
        Path second = Files.createDirectory(dir.resolve("second"));
        Files.writeString(first.resolve("armature.properties"), "who=first\n");
        Files.writeString(second.resolve("armature.properties"), "who=second\nextra=1\n");
        try (URLClassLoader loader = loaderOf(first, second)) {
            ClasspathConfigSource source = new ClasspathConfigSource(loader, "armature.properties", 100);
            assertThat(source.read()).containsOnlyKeys("who");
            assertThat(source.read().get("who")).extracting(SourceValue::text).isEqualTo("first");
        }
    }

    @Test
    void a_resource_with_an_unknown_extension_is_refused() {
        assertThatThrownBy(() -> new ClasspathConfigSource(getClass().getClassLoader(), "armature.conf", 100))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.code()).isEqualTo("armature.config.format"))
                .hasMessageContaining("armature.conf");
    }

    @Test
    void a_resource_that_does_not_parse_names_its_url() throws Exception {
        Files.writeString(dir.resolve("bad.json"), "[1]");
        try (URLClassLoader loader = loaderOf(dir)) {
            assertThatThrownBy(() -> new ClasspathConfigSource(loader, "bad.json", 100).read())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(dir.resolve("bad.json").toUri().toURL() + ":1:1:");
        }
    }
}
