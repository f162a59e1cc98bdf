package dev.armature.api.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class RandomSourceTest {
    @Property(tries = 50)
    void the_same_seed_and_name_give_the_same_sequence(@ForAll long seed) {
        long[] first = LongStream.generate(RandomSource.seeded(seed).stream("backoff")::nextLong)
                .limit(5)
                .toArray();
        long[] second = LongStream.generate(RandomSource.seeded(seed).stream("backoff")::nextLong)
                .limit(5)
                .toArray();
        assertThat(first).containsExactly(second);
    }

    @Property(tries = 50)
    void different_names_give_different_streams(@ForAll long seed) {
        RandomSource random = RandomSource.seeded(seed);
        assertThat(random.stream("a").nextLong())
                .isNotEqualTo(random.stream("b").nextLong());
    }
}
