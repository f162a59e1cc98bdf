package dev.armature.samples.host;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.FileSize;
import dev.armature.api.LogFields;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;
import org.w3c.dom.Document;

/** The host's logback.xml, loaded into a context of its own: it loads cleanly and writes JSON lines. */
class LogbackConfigTest {
    @TempDir
    @SuppressWarnings("NullAway.Init") // set by JUnit before each test
    Path logDir;

    private final LoggerContext context = new LoggerContext();

    @AfterEach
    void stop() {
        context.stop();
        MDC.clear();
    }

    private static URL hostConfig() {
        return Objects.requireNonNull(LogbackConfigTest.class.getResource("/logback.xml"), "logback.xml");
    }

    private Logger configured() throws Exception {
        context.putProperty("ARMATURE_LOG_DIR", logDir.toString());
        context.setMDCAdapter(MDC.getMDCAdapter()); // as the binding does for its own context
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(hostConfig());
        return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Test
    void the_configuration_loads_without_a_warning_or_an_error() throws Exception {
        var unused = configured();

        List<Status> problems = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() >= Status.WARN)
                .toList();
        assertThat(problems).isEmpty();
    }

    @Test
    void the_json_file_rolls_daily_and_by_size_under_a_total_cap() throws Exception {
        Appender<?> json = configured().getAppender("JSON");

        assertThat(json).isInstanceOf(RollingFileAppender.class);
        RollingFileAppender<?> rolling = (RollingFileAppender<?>) json;
        assertThat(rolling.getFile())
                .isEqualTo(logDir.resolve("agent-host.json").toString());
        assertThat(rolling.getRollingPolicy()).isInstanceOfSatisfying(SizeAndTimeBasedRollingPolicy.class, p -> {
            assertThat(p.getFileNamePattern()).contains("%d{yyyy-MM-dd}", "%i");
            assertThat(p.getMaxHistory()).isEqualTo(7);
        });
        // Logback has no getters for these two: read them from the file it was configured from.
        Document xml;
        try (InputStream in = hostConfig().openStream()) {
            xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        assertThat(FileSize.valueOf(text(xml, "maxFileSize")).getSize()).isEqualTo(10L * FileSize.MB_COEFFICIENT);
        assertThat(FileSize.valueOf(text(xml, "totalSizeCap")).getSize()).isEqualTo(100L * FileSize.MB_COEFFICIENT);
    }

    @Test
    void docs_logging_md_shows_this_configuration_verbatim() throws Exception {
        String config;
        try (InputStream in = hostConfig().openStream()) {
            config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String body = config.substring(config.indexOf("<configuration")).strip();

        assertThat(Files.readString(Path.of("../../docs/logging.md"), StandardCharsets.UTF_8))
                .as("docs/logging.md shows src/main/resources/logback.xml")
                .contains(body);
    }

    private static String text(Document xml, String element) {
        return xml.getElementsByTagName(element).item(0).getTextContent().trim();
    }

    @Test
    void a_line_is_written_as_json_with_its_key_value_pairs_and_mdc_as_fields() throws Exception {
        Logger log = configured();
        MDC.put(LogFields.CORRELATION_ID, "req-42");
        log.atWarn().addKeyValue(LogFields.COMPONENT, "model-gateway").log("a {} line", "structured");
        context.stop(); // flushes and closes the file

        String written = Files.readString(logDir.resolve("agent-host.json"), StandardCharsets.UTF_8);
        assertThat(written.lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("{")
                .contains("\"level\":\"WARN\"")
                .contains("\"formattedMessage\":\"a structured line\"")
                .contains("\"component\":\"model-gateway\"")
                .contains("\"correlation.id\":\"req-42\""));
    }
}
