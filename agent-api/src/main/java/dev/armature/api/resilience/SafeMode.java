package dev.armature.api.resilience;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What safe mode did when it was entered.
 *
 * @param reason why it was entered
 * @param since when, by the system's time source
 * @param stoppedComponents the non-essential components it stopped, which start again on exit
 * @param openedGuards the guards whose circuits it forced open, which it releases on exit
 * @since 0.1
 */
public record SafeMode(String reason, Instant since, List<String> stoppedComponents, List<String> openedGuards) {
    /**
     * Checks every part and copies the lists.
     *
     * @param reason the reason
     * @param since when
     * @param stoppedComponents the stopped components
     * @param openedGuards the opened guards
     */
    public SafeMode {
        requireNonNull(reason, "reason");
        requireNonNull(since, "since");
        stoppedComponents = List.copyOf(stoppedComponents);
        openedGuards = List.copyOf(openedGuards);
    }
}
