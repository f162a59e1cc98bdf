package dev.armature.core.internal.resilience;

import static java.util.Objects.requireNonNull;

import dev.armature.api.resilience.Classification;
import dev.armature.api.resilience.ErrorClassifier;
import dev.armature.api.resilience.GuardRejectedException;
import dev.armature.api.resilience.GuardTimeoutException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the system's classifier chain. For the failure and then each of its causes, outermost
 * first, the host's and plugins' rules are asked in the order they were added, then the built-in
 * ones; the first answer decides. A failure no rule knows is {@link Classification#transientFailure()}.
 * Thread-safe when the rules are.
 */
public final class ErrorClassifiers {
    private static final Logger log = LoggerFactory.getLogger(ErrorClassifiers.class);
    /** Causes deeper than this are not looked at: a chain that long is a loop or a pathology. */
    private static final int MAX_DEPTH = 16;

    private final List<ErrorClassifier> rules;

    private ErrorClassifiers(List<ErrorClassifier> rules) {
        this.rules = rules;
    }

    /**
     * Returns the chain of the given rules followed by the built-in ones.
     *
     * @param hostRules the host's and plugins' rules, in order
     * @return the chain
     */
    public static ErrorClassifiers of(List<ErrorClassifier> hostRules) {
        List<ErrorClassifier> all = new ArrayList<>(hostRules);
        all.add(ErrorClassifiers::builtIn);
        return new ErrorClassifiers(List.copyOf(all));
    }

    /**
     * Classifies a failure.
     *
     * @param error the failure
     * @return its classification; never empty
     */
    public Classification classify(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        @Nullable Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_DEPTH && seen.add(t); depth++) {
            for (ErrorClassifier rule : rules) {
                Optional<Classification> c = ask(rule, t);
                if (c.isPresent()) {
                    return c.get();
                }
            }
            t = t.getCause();
        }
        return Classification.transientFailure();
    }

    /**
     * Asks one rule; a rule that throws is passed over, so that a faulty classifier never replaces the
     * operation's failure with its own.
     */
    private static Optional<Classification> ask(ErrorClassifier rule, Throwable t) {
        try {
            return requireNonNull(rule.classify(t), "classify() returned null");
        } catch (RuntimeException e) {
            log.atWarn()
                    .addKeyValue("classifier", rule.getClass().getName())
                    .addKeyValue("error", t.getClass().getName())
                    .setCause(e)
                    .log("an error classifier threw; the next rule decides");
            return Optional.empty();
        }
    }

    /** The rules every system has; a host's rule for the same type wins, as it is asked first. */
    static Optional<Classification> builtIn(Throwable t) {
        if (t instanceof GuardRejectedException r) {
            // A guard further in refused the call: as a throttle when it knows when to come back.
            return Optional.of(r.retryAfter().map(Classification::throttled).orElse(Classification.transientFailure()));
        }
        if (t instanceof InterruptedException) {
            // The caller gave up, not the dependency: neither retried nor held against it.
            return Optional.of(Classification.ignored());
        }
        if (t instanceof SocketTimeoutException
                || t instanceof ConnectException
                || t instanceof InterruptedIOException
                || t instanceof TimeoutException
                || t instanceof GuardTimeoutException) {
            return Optional.of(Classification.transientFailure());
        }
        if (t instanceof IllegalArgumentException
                || t instanceof NullPointerException
                || t instanceof UnsupportedOperationException
                || t instanceof SecurityException
                || t instanceof Error) {
            return Optional.of(Classification.permanent());
        }
        return Optional.empty();
    }
}
