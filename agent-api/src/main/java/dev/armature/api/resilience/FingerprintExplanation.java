package dev.armature.api.resilience;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What made a fingerprint: the parts that were hashed, after normalisation.
 *
 * @param fingerprint the fingerprint
 * @param exceptionTypes the chain of exception types, outermost first
 * @param frames the in-app frames that were used, as {@code class#method} with generated suffixes
 *     stripped
 * @param messageTemplate the parameterised message, present only when no frame was available
 * @param notes what normalisation did, for people (for example {@code stripped lambda index from
 *     Foo$$Lambda$12})
 * @since 0.1
 */
public record FingerprintExplanation(
        Fingerprint fingerprint,
        List<String> exceptionTypes,
        List<String> frames,
        Optional<String> messageTemplate,
        List<String> notes) {
    /**
     * Checks every part and copies the lists.
     *
     * @param fingerprint the fingerprint
     * @param exceptionTypes the types
     * @param frames the frames
     * @param messageTemplate the template
     * @param notes the notes
     */
    public FingerprintExplanation {
        requireNonNull(fingerprint, "fingerprint");
        exceptionTypes = List.copyOf(exceptionTypes);
        frames = List.copyOf(frames);
        requireNonNull(messageTemplate, "messageTemplate");
        notes = List.copyOf(notes);
    }
}
