package dev.armature.core.internal.orchestrator;

import dev.armature.api.FailureInfo;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Internal: how a timed call of a component or task ended. */
record OpResult(Outcome outcome, Duration duration, @Nullable Throwable error) {
    enum Outcome {
        SUCCEEDED,
        FAILED,
        TIMED_OUT,
        /** The worker executor refused the call: it never ran. */
        REJECTED
    }

    static OpResult succeeded(Duration d) {
        return new OpResult(Outcome.SUCCEEDED, d, null);
    }

    static OpResult failed(Throwable t, Duration d) {
        return new OpResult(Outcome.FAILED, d, t);
    }

    static OpResult rejected(Throwable t, Duration d) {
        return new OpResult(Outcome.REJECTED, d, t);
    }

    static OpResult timedOut(Duration d) {
        return new OpResult(Outcome.TIMED_OUT, d, null);
    }

    boolean ok() {
        return outcome == Outcome.SUCCEEDED;
    }

    /** Describes the failure; a timeout is described with the limit it ran past. */
    Optional<FailureInfo> failure(String what, Duration limit) {
        return switch (outcome) {
            case SUCCEEDED -> Optional.empty();
            case TIMED_OUT -> Optional.of(
                    new FailureInfo("timeout", what + " did not finish within " + limit + " and was interrupted"));
            case REJECTED -> Optional.of(new FailureInfo(
                    "rejected",
                    what + " did not run: the worker executor rejected it"
                            + (error == null || error.getMessage() == null ? "" : " (" + error.getMessage() + ")")
                            + "; a host's worker executor must accept tasks until the system has stopped"));
            case FAILED -> Optional.of(
                    error == null ? new FailureInfo("unknown", what + " failed") : FailureInfo.of(error));
        };
    }
}
