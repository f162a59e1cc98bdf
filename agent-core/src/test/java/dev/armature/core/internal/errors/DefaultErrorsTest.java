package dev.armature.core.internal.errors;

import static dev.armature.core.internal.errors.FingerprinterTest.withFrames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.event.EventEnvelope;
import dev.armature.api.resilience.Classification;
import dev.armature.api.resilience.ErrorClass;
import dev.armature.api.resilience.ErrorClassifier;
import dev.armature.api.resilience.ErrorEvent;
import dev.armature.api.resilience.FingerprintExplanation;
import dev.armature.api.time.RandomSource;
import dev.armature.core.internal.event.DefaultEventBus;
import dev.armature.core.internal.metrics.Meters;
import dev.armature.core.time.ManualTime;
import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DefaultErrorsTest {
    private final ManualTime time = ManualTime.create();
    private final DefaultEventBus bus = new DefaultEventBus(time, RandomSource.seeded(1).stream("ids"), Runnable::run);
    private final Meters meters = Meters.create("test", Optional.empty(), time);
    private final List<EventEnvelope<ErrorEvent>> published = new ArrayList<>();

    DefaultErrorsTest() {
        bus.subscribe(ErrorEvent.class, published::add);
    }

    private DefaultErrors errors(ErrorClassifier classifier, int max) {
        return new DefaultErrors(Fingerprinter.create(List.of()), classifier, bus, meters, max);
    }

    private static IllegalStateException modelError(String message) {
        return withFrames(new IllegalStateException(message), "com.example.agent.ModelClient#call");
    }

    private double recorded(String origin, String errorClass) {
        Counter c = meters.registry()
                .find("armature.errors.recorded")
                .tags("origin", origin, "class", errorClass)
                .counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void a_host_error_is_fingerprinted_classified_published_and_counted() {
        DefaultErrors errors = errors(e -> Optional.empty(), 10);
        var error = modelError("call 7f1c6a2e-5b1d-4c1a-9e2f-0123456789ab for ada@example.com failed");

        ErrorEvent event = errors.record(error, Map.of("tenant", "acme"));

        assertThat(event.fingerprint()).isEqualTo(errors.fingerprint(error));
        assertThat(event.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(event.messageTemplate()).isEqualTo("call <uuid> for <email> failed");
        assertThat(event.origin()).isEqualTo(ErrorEvent.Origin.HOST);
        assertThat(event.originName()).isEqualTo(DefaultErrors.HOST);
        assertThat(event.errorClass()).as("unclassified is TRANSIENT").isEqualTo(ErrorClass.TRANSIENT);
        assertThat(event.context()).containsExactly(Map.entry("tenant", "acme"));
        assertThat(published).singleElement().satisfies(envelope -> {
            assertThat(envelope.source()).isEqualTo(DefaultErrors.SOURCE);
            assertThat(envelope.payload()).isEqualTo(event);
        });
        assertThat(event.toString()).doesNotContain("ada@example.com").doesNotContain("7f1c6a2e");
        assertThat(recorded("host", "transient")).isEqualTo(1);
    }

    @Test
    void the_classifier_decides_the_class_of_a_host_error() {
        DefaultErrors errors = errors(e -> Optional.of(Classification.permanent()), 10);

        assertThat(errors.record(modelError("x"), Map.of()).errorClass()).isEqualTo(ErrorClass.PERMANENT);
        assertThat(recorded("host", "permanent")).isEqualTo(1);
    }

    @Test
    void guards_and_components_record_with_their_own_class_and_name() {
        DefaultErrors errors = errors(
                e -> {
                    throw new AssertionError("a pre-classified error must not be classified again");
                },
                10);

        ErrorEvent event =
                errors.record(modelError("x"), ErrorEvent.Origin.GUARD, "model.chat", Map.of(), ErrorClass.THROTTLED);

        assertThat(event.origin()).isEqualTo(ErrorEvent.Origin.GUARD);
        assertThat(event.originName()).isEqualTo("model.chat");
        assertThat(event.errorClass()).isEqualTo(ErrorClass.THROTTLED);
        assertThat(recorded("guard", "throttled")).isEqualTo(1);
        assertThat(meters.registry().find("armature.errors.recorded").counters())
                .allSatisfy(c -> assertThat(c.getId().getTag("fingerprint")).isNull());
    }

    @Test
    void context_values_under_secret_looking_keys_are_masked() {
        DefaultErrors errors = errors(e -> Optional.empty(), 10);

        ErrorEvent event = errors.record(
                modelError("x"),
                Map.of(
                        "tenant", "acme",
                        "apiKey", "sk-live-1",
                        "Authorization", "Bearer abc",
                        "db.password", "hunter2",
                        "refresh_token", "t",
                        "clientSecret", "s"));

        assertThat(event.context())
                .containsEntry("tenant", "acme")
                .containsEntry("apiKey", DefaultErrors.MASK)
                .containsEntry("Authorization", DefaultErrors.MASK)
                .containsEntry("db.password", DefaultErrors.MASK)
                .containsEntry("refresh_token", DefaultErrors.MASK)
                .containsEntry("clientSecret", DefaultErrors.MASK);
    }

    @Test
    void the_first_explanation_of_each_fingerprint_is_kept() {
        DefaultErrors errors = errors(e -> Optional.empty(), 10);
        var first = modelError("first");
        var second = modelError("second"); // same frames: same fingerprint

        errors.record(first, Map.of());
        errors.record(second, Map.of());

        Optional<FingerprintExplanation> kept = errors.explain(errors.fingerprint(second));
        assertThat(kept).isPresent();
        assertThat(kept.get()).isEqualTo(errors.explain(first));
        assertThat(errors.explain(errors.fingerprint(withFrames(new IllegalStateException(), "com.example.Other#m"))))
                .as("never recorded")
                .isEmpty();
    }

    @Test
    void the_least_recently_recorded_fingerprint_is_forgotten_first() {
        DefaultErrors errors = errors(e -> Optional.empty(), 2);
        var a = withFrames(new IllegalStateException(), "com.example.A#a");
        var b = withFrames(new IllegalStateException(), "com.example.B#b");
        var c = withFrames(new IllegalStateException(), "com.example.C#c");

        errors.record(a, Map.of());
        errors.record(b, Map.of());
        errors.record(a, Map.of()); // a is now the most recent
        errors.record(c, Map.of());

        assertThat(errors.explain(errors.fingerprint(a))).isPresent();
        assertThat(errors.explain(errors.fingerprint(b))).isEmpty();
        assertThat(errors.explain(errors.fingerprint(c))).isPresent();
    }
}
