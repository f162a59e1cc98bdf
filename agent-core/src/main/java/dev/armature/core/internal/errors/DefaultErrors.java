package dev.armature.core.internal.errors;

import static java.util.Objects.requireNonNull;

import dev.armature.api.LogFields;
import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigSnapshot;
import dev.armature.api.event.EventBus;
import dev.armature.api.resilience.Classification;
import dev.armature.api.resilience.ErrorClass;
import dev.armature.api.resilience.ErrorClassifier;
import dev.armature.api.resilience.ErrorEvent;
import dev.armature.api.resilience.Errors;
import dev.armature.api.resilience.Fingerprint;
import dev.armature.api.resilience.FingerprintExplanation;
import dev.armature.core.internal.metrics.Meters;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the system's {@link Errors}. Fingerprints and classifies each recorded error, publishes
 * it as an {@link ErrorEvent} with the source {@value #SOURCE}, counts it in {@code
 * armature.errors.recorded} by origin and class (never by fingerprint, whose values are unbounded),
 * and keeps the explanation of the first error of each fingerprint, for the {@value
 * #DEFAULT_MAX_FINGERPRINTS} (by default) fingerprints used last.
 *
 * <p>The raw message of an error goes nowhere: events and logs carry its template only. Context
 * values must not be secrets; a value whose key looks like one (password, secret, token, key,
 * authorization, credential, cookie) is masked all the same.
 *
 * <p>Thread-safe.
 */
public final class DefaultErrors implements Errors {
    /** The source of the events this service publishes. */
    public static final String SOURCE = "errors";
    /** The configuration key of the host's in-app packages. */
    public static final String IN_APP_PACKAGES_KEY = "armature.errors.in-app-packages";
    /** The configuration key of how many fingerprints keep their explanation. */
    public static final String MAX_FINGERPRINTS_KEY = "armature.errors.max-fingerprints";
    /** How many fingerprints keep their explanation unless configured. */
    public static final int DEFAULT_MAX_FINGERPRINTS = 1000;
    /** The origin name of errors the host records. */
    public static final String HOST = "host";
    /** What a masked context value reads as. */
    static final String MASK = "****";

    private static final Logger log = LoggerFactory.getLogger(DefaultErrors.class);
    private static final String[] SECRET_KEY_PARTS = {
        "password", "passwd", "secret", "token", "key", "authorization", "credential", "cookie"
    };

    private final Fingerprinter fingerprinter;
    private final ErrorClassifier classifier;
    private final EventBus bus;
    private final Meters meters;
    private final Map<Fingerprint, FingerprintExplanation> explanations;
    private volatile Consumer<ErrorEvent> observer = event -> {};

    /**
     * Creates the service.
     *
     * @param fingerprinter computes fingerprints
     * @param classifier classifies what {@link #record(Throwable, Map)} records; an error it does not
     *     answer for is {@link ErrorClass#TRANSIENT}
     * @param bus where events are published
     * @param meters where errors are counted
     * @param maxFingerprints how many fingerprints keep their explanation, the least recently recorded
     *     going first
     */
    public DefaultErrors(
            Fingerprinter fingerprinter, ErrorClassifier classifier, EventBus bus, Meters meters, int maxFingerprints) {
        this.fingerprinter = requireNonNull(fingerprinter, "fingerprinter");
        this.classifier = requireNonNull(classifier, "classifier");
        this.bus = requireNonNull(bus, "bus");
        this.meters = requireNonNull(meters, "meters");
        if (maxFingerprints < 1) {
            throw new IllegalArgumentException("maxFingerprints must be at least 1, was " + maxFingerprints);
        }
        this.explanations = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Fingerprint, FingerprintExplanation> eldest) {
                return size() > maxFingerprints;
            }
        };
    }

    /**
     * Creates the service from the system's configuration, read once at build.
     *
     * @throws ConfigException when an in-app package is not a package name
     */
    public static DefaultErrors fromConfig(
            ConfigSnapshot config, ErrorClassifier classifier, EventBus bus, Meters meters) {
        var packages = config.getList(IN_APP_PACKAGES_KEY, String.class);
        for (String p : packages) {
            if (!Fingerprinter.isPackageName(p)) {
                throw new ConfigException(
                        "armature.errors.in-app-packages",
                        IN_APP_PACKAGES_KEY + " holds '" + p + "', which is not a Java package name; list the host's"
                                + " packages, such as com.example.agent, separated by commas",
                        IN_APP_PACKAGES_KEY,
                        null);
            }
        }
        int max = config.getOptional(MAX_FINGERPRINTS_KEY, Integer.class).orElse(DEFAULT_MAX_FINGERPRINTS);
        return new DefaultErrors(Fingerprinter.create(packages), classifier, bus, meters, max);
    }

    @Override
    public ErrorEvent record(Throwable error, Map<String, String> context) {
        return record(error, ErrorEvent.Origin.HOST, HOST, context);
    }

    /**
     * Records an error met by a component, classified by the system's rules.
     *
     * @param error the error
     * @param origin where it was met
     * @param originName the component's name
     * @param context what to keep with it; values must not be secrets
     * @return the event that was published
     */
    public ErrorEvent record(
            Throwable error, ErrorEvent.Origin origin, String originName, Map<String, String> context) {
        requireNonNull(error, "error");
        ErrorClass errorClass =
                classifier.classify(error).map(Classification::errorClass).orElse(ErrorClass.TRANSIENT);
        return record(error, origin, originName, context, errorClass);
    }

    /**
     * Records an error met by a guard or a component, already classified.
     *
     * @param error the error
     * @param origin where it was met
     * @param originName the guard's or component's name
     * @param context what to keep with it; values must not be secrets
     * @param errorClass its class
     * @return the event that was published
     */
    public ErrorEvent record(
            Throwable error,
            ErrorEvent.Origin origin,
            String originName,
            Map<String, String> context,
            ErrorClass errorClass) {
        requireNonNull(error, "error");
        requireNonNull(origin, "origin");
        requireNonNull(originName, "originName");
        requireNonNull(errorClass, "errorClass");
        Fingerprint fingerprint = remember(error);
        ErrorEvent event = new ErrorEvent(
                fingerprint,
                error.getClass().getName(),
                Fingerprinter.messageTemplate(error.getMessage()),
                origin,
                originName,
                errorClass,
                masked(requireNonNull(context, "context")));
        meters.errorRecorded(lower(origin), lower(errorClass));
        log.atDebug()
                .addKeyValue(LogFields.ERROR_FINGERPRINT, fingerprint)
                .addKeyValue("errorType", event.errorType())
                .addKeyValue("origin", origin)
                .addKeyValue("originName", originName)
                .addKeyValue("errorClass", errorClass)
                .log("error recorded");
        observer.accept(event);
        bus.publish(SOURCE, event);
        return event;
    }

    /**
     * Hands every recorded event to an observer on the recording thread, before it is published, so
     * that analysis sees every error even when the bus's queues are full.
     *
     * @param observer must be quick and must not throw
     */
    public void observeWith(Consumer<ErrorEvent> observer) {
        this.observer = requireNonNull(observer, "observer");
    }

    @Override
    public Fingerprint fingerprint(Throwable error) {
        return fingerprinter.fingerprint(error);
    }

    @Override
    public FingerprintExplanation explain(Throwable error) {
        return fingerprinter.explain(error);
    }

    @Override
    public Optional<FingerprintExplanation> explain(Fingerprint fingerprint) {
        requireNonNull(fingerprint, "fingerprint");
        synchronized (explanations) {
            return Optional.ofNullable(explanations.get(fingerprint));
        }
    }

    /** Returns the error's fingerprint, keeping its explanation when the fingerprint is new here. */
    private Fingerprint remember(Throwable error) {
        Fingerprint fingerprint = fingerprinter.fingerprint(error);
        synchronized (explanations) {
            if (explanations.get(fingerprint) != null) {
                return fingerprint; // the get also marks it as used
            }
        }
        // Explained outside the lock: it costs more than a fingerprint, and only new ones pay it.
        FingerprintExplanation explanation = fingerprinter.explain(error);
        synchronized (explanations) {
            explanations.putIfAbsent(fingerprint, explanation);
        }
        return fingerprint;
    }

    /** Returns the context with the values of secret-looking keys masked. */
    static Map<String, String> masked(Map<String, String> context) {
        @Nullable Map<String, String> out = null;
        for (Map.Entry<String, String> e : context.entrySet()) {
            requireNonNull(e.getKey(), "a context key");
            requireNonNull(e.getValue(), () -> "the context value of " + e.getKey());
            if (looksSecret(e.getKey())) {
                if (out == null) {
                    out = new LinkedHashMap<>(context);
                }
                out.put(e.getKey(), MASK);
            }
        }
        return out == null ? context : out;
    }

    static boolean looksSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (String part : SECRET_KEY_PARTS) {
            if (k.contains(part)) {
                return true;
            }
        }
        return false;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
