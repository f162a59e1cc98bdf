package dev.armature.core.internal.config;

import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigValidator;
import dev.armature.api.config.Secret;
import dev.armature.api.event.Event;
import dev.armature.api.event.EventEnvelope;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.api.time.RandomSource;
import dev.armature.core.internal.event.DefaultEventBus;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.config.ConfigSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Builds managers over test sources, with events recorded synchronously. */
final class ConfigFixture {
    final ManualTime time = ManualTime.create();
    final DefaultEventBus bus = new DefaultEventBus(time, RandomSource.seeded(3).stream("ids"), Runnable::run);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<ConfigSource> sources = new ArrayList<>();
    final List<ConfigSchema> schemas = new ArrayList<>(List.of(CoreSchema.schema()));
    final List<ConfigValidator> validators = new ArrayList<>();

    /** Opens {@code ENC(plain)} as the secret {@code plain}; {@code ENC(bad)} fails as tampered. */
    Resolver.Decryptor decryptor = (text, key) -> {
        String inner = text.trim().substring(4, text.trim().length() - 1);
        if (inner.equals("bad")) {
            throw new ConfigException(
                    "armature.config.decrypt", key + ": the value under key id test failed authentication", key, null);
        }
        return Secret.of(inner);
    };

    ConfigFixture() {
        var unused = bus.subscribe(
                Event.class, SubscribeOptions.defaults(), (EventEnvelope<Event> e) -> events.add(e.payload()));
    }

    MutableSource source(String name, int ordinal) {
        MutableSource s = new MutableSource(name, ordinal);
        sources.add(s);
        return s;
    }

    ConfigFixture schema(ConfigSchema schema) {
        schemas.add(schema);
        return this;
    }

    DefaultConfig build() {
        return DefaultConfig.create(sources, schemas, validators, decryptor, bus, time, registry);
    }

    <E extends Event> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
