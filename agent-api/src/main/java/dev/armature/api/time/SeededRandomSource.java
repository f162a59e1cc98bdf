package dev.armature.api.time;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Derives each named stream's seed from the system seed and the name (FNV-1a, then SplitMix). */
record SeededRandomSource(long seed) implements RandomSource {
    @Override
    public RandomGenerator stream(String name) {
        requireNonNull(name, "name");
        long hash = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return new SplittableRandom(new SplittableRandom(seed ^ hash).nextLong());
    }
}
