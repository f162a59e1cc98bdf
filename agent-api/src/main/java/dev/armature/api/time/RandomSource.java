package dev.armature.api.time;

import java.util.random.RandomGenerator;

/**
 * The source of randomness for one system: a seed from which independent named streams are drawn,
 * so that the same seed reproduces the same jitter, sampling and chaos.
 *
 * <p>Implementations are thread-safe; the generators they return are not, so each user keeps its
 * own.
 *
 * @since 0.1
 */
public interface RandomSource {
    /**
     * Returns the seed every stream is derived from.
     *
     * @return the seed
     */
    long seed();

    /**
     * Returns a new generator for the named stream. Its sequence depends only on the seed and the
     * name, so streams with different names are independent and each call with the same name
     * starts the same sequence again.
     *
     * @param name the stream's name, for example {@code supervisor.backoff}
     * @return a new generator, not thread-safe
     */
    RandomGenerator stream(String name);

    /**
     * Returns a random source with a fixed seed.
     *
     * @param seed the seed
     * @return the random source
     */
    static RandomSource seeded(long seed) {
        return new SeededRandomSource(seed);
    }
}
