package dev.armature.core.functional.config;

import dev.armature.api.AgentSystem;
import dev.armature.api.config.Config;
import dev.armature.api.config.ConfigEvent;
import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigType;
import dev.armature.api.config.Keyring;
import dev.armature.api.config.Secret;
import dev.armature.api.event.Event;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.core.config.ConfigEncryption;
import dev.armature.core.config.Keyrings;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A full run with secrets configured, in a child JVM that logs at TRACE: everything it can print —
 * logs, events, exceptions, dumps, explanations, history, meters — goes to its output, which {@link
 * SecretLeakTest} searches for the secrets.
 */
public final class SecretLeakScenario {
    static final String ENCRYPTED_1 = "enc-secret-alpha";
    static final String PLAIN_FROM_ENV = "plain-secret-bravo";
    static final String ENCRYPTED_2 = "enc-secret-charlie";
    static final String OVERRIDE = "plain-secret-delta";

    private SecretLeakScenario() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path dir = Path.of(args[0]);
        Keyring keyring = Keyrings.generate("k1");
        Path file = dir.resolve("agent.yaml");
        write(file, ConfigEncryption.encrypt(keyring, ENCRYPTED_1), "a");
        ConfigSchema schema = ConfigSchema.builder("scenario")
                .addPrefix("agent")
                .add(ConfigProperty.builder("agent.name", ConfigType.STRING)
                        .reloadable(true)
                        .build())
                .add(ConfigProperty.builder("agent.token", ConfigType.STRING)
                        .reloadable(true)
                        .build())
                .add(ConfigProperty.builder("agent.password", ConfigType.STRING)
                        .secret(true)
                        .reloadable(true)
                        .build())
                .add(ConfigProperty.builder("agent.timeout", ConfigType.DURATION)
                        .defaultValue("5s")
                        .reloadable(true)
                        .build())
                .build();
        LinkedBlockingQueue<ConfigEvent> configEvents = new LinkedBlockingQueue<>();
        try (AgentSystem system = AgentSystem.builder()
                .name("secret-scenario")
                .addConfigFile(file)
                .addConfigSchema(schema)
                .environmentPrefix("AGENT_")
                .environment(Map.of("AGENT_PASSWORD", PLAIN_FROM_ENV))
                .systemProperties(Map.of())
                .keyring(keyring)
                .dataDirectory(dir.resolve("data"))
                .build()) {
            var unused = system.events().subscribe(Event.class, SubscribeOptions.defaults(), e -> {
                out.println("EVENT " + e);
                if (e.payload() instanceof ConfigEvent c) {
                    configEvents.add(c);
                }
            });
            system.start();
            Config config = system.config();
            // the secrets are there, and usable
            check(config.get("agent.token", Secret.class).reveal().equals(ENCRYPTED_1), "token");
            check(config.get("agent.password", Secret.class).reveal().equals(PLAIN_FROM_ENV), "password");

            out.println("DUMP " + config.dump());
            out.println("EXPLAIN " + config.explain("agent.token") + config.explain("agent.password"));
            out.println("SNAPSHOT " + config.snapshot().getOptional("agent.token", Secret.class));
            write(file, ConfigEncryption.encrypt(keyring, ENCRYPTED_2), "b");
            awaitApplied(configEvents);
            out.println("OVERRIDE " + config.override(Map.of("agent.password", OVERRIDE)));
            out.println("PREVIEW " + config.preview(Map.of("agent.password", OVERRIDE + "-x", "agent.timeout", "x")));
            out.println("ROLLBACK " + config.rollback(1));
            out.println("HISTORY " + config.history());
            for (String misuse : new String[] {"agent.token", "agent.password"}) {
                try {
                    config.get(misuse, Duration.class);
                } catch (RuntimeException e) {
                    out.println("EXCEPTION " + e);
                }
                try {
                    config.get(misuse, String.class);
                } catch (RuntimeException e) {
                    out.println("EXCEPTION " + e);
                }
            }
            out.println("CLEAR " + config.clearRollback());
            String tampered = ConfigEncryption.encrypt(keyring, ENCRYPTED_2);
            tampered = tampered.substring(0, tampered.length() - 3)
                    + (tampered.charAt(tampered.length() - 3) == 'A' ? "B" : "A")
                    + tampered.substring(tampered.length() - 2);
            write(file, tampered, "c");
            out.println("RELOAD " + config.reload());
            system.service(MeterRegistry.class).getMeters().forEach(m -> out.println("METER " + m.getId()));
            out.println("DUMP " + config.dump());
        }
        out.println("SCENARIO DONE");
    }

    private static void write(Path file, String token, String name) throws Exception {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(
                temp,
                "agent:\n  name: " + name + "\n  token: " + token + "\narmature:\n  config:\n    poll-interval: 1h\n");
        Files.move(
                temp,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void awaitApplied(LinkedBlockingQueue<ConfigEvent> events) throws InterruptedException {
        while (true) {
            ConfigEvent e = events.poll(60, TimeUnit.SECONDS);
            if (e == null) {
                throw new IllegalStateException("the file change was never applied");
            }
            if (e instanceof ConfigEvent.Applied) {
                return;
            }
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what + " did not read back");
        }
    }
}
