package dev.armature.spi.resilience;

/**
 * What a {@link RecoveryStep} declares it will need, before the system starts.
 *
 * @since 0.1
 */
public interface RecoveryPreparation {
    /**
     * Makes a guard keep the value of its last successful call, for {@link
     * RecoveryContext#answerWithLastGood}. Guards keep none otherwise, so that a call costs nothing
     * extra and holds no value longer than its caller does.
     *
     * @param guard the guard's name
     */
    void rememberLastGood(String guard);
}
