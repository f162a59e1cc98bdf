package dev.armature.core.internal.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class VersionRangeTest {
    @Provide
    Arbitrary<List<Integer>> versions() {
        return Arbitraries.integers().between(0, 20).list().ofMinSize(1).ofMaxSize(3);
    }

    private static String text(List<Integer> v) {
        return v.stream().map(String::valueOf).collect(Collectors.joining("."));
    }

    @Property
    void a_half_open_range_holds_exactly_the_versions_between_its_bounds(
            @ForAll("versions") List<Integer> lo,
            @ForAll("versions") List<Integer> hi,
            @ForAll("versions") List<Integer> v) {
        if (VersionRange.compare(lo, hi) >= 0) {
            return; // an empty range is refused, checked below
        }
        VersionRange range = VersionRange.parse("[" + text(lo) + "," + text(hi) + ")");
        boolean expected = VersionRange.compare(v, lo) >= 0 && VersionRange.compare(v, hi) < 0;
        assertThat(range.contains(text(v))).isEqualTo(expected);
    }

    @Property
    void open_bounds_hold_everything_on_their_side(
            @ForAll("versions") List<Integer> bound, @ForAll("versions") List<Integer> v) {
        assertThat(VersionRange.parse("[" + text(bound) + ",)").contains(text(v)))
                .isEqualTo(VersionRange.compare(v, bound) >= 0);
        assertThat(VersionRange.parse("(," + text(bound) + "]").contains(text(v)))
                .isEqualTo(VersionRange.compare(v, bound) <= 0);
    }

    @Property
    void a_bare_version_and_a_bracketed_one_hold_only_that_version(
            @ForAll("versions") List<Integer> exact, @ForAll("versions") List<Integer> v) {
        boolean same = VersionRange.compare(v, exact) == 0;
        assertThat(VersionRange.parse(text(exact)).contains(text(v))).isEqualTo(same);
        assertThat(VersionRange.parse("[" + text(exact) + "]").contains(text(v)))
                .isEqualTo(same);
    }

    @Property
    void comparison_is_numeric_and_ignores_trailing_zeros(@ForAll("versions") List<Integer> v) {
        assertThat(VersionRange.compare(v, append(v, 0))).isZero();
        assertThat(VersionRange.compare(v, append(v, 1))).isNegative();
    }

    private static List<Integer> append(List<Integer> v, int last) {
        var out = new java.util.ArrayList<>(v);
        out.add(last);
        return out;
    }

    @Example
    void several_ranges_are_a_union() {
        VersionRange r = VersionRange.parse("[0.1,0.2),[1.0,)");
        assertThat(r.contains("0.1")).isTrue();
        assertThat(r.contains("0.1.5")).isTrue();
        assertThat(r.contains("0.2")).isFalse();
        assertThat(r.contains("0.10")).isFalse();
        assertThat(r.contains("1.3")).isTrue();
    }

    @Example
    void malformed_ranges_are_refused_with_the_reason() {
        for (String bad : List.of(
                "",
                "[",
                "[0.1",
                "[0.1,",
                "[0.1,0.2",
                "0.1,0.2",
                "[0.2,0.1)",
                "[0.1,0.1)",
                "[0.1,0.2),",
                "[0.1,0.2)x",
                "[,0.1]",
                "[0.1,]",
                "(0.1)",
                "0..1",
                "a.b",
                "[0.1,0.2,0.3]",
                "-1")) {
            assertThatThrownBy(() -> VersionRange.parse(bad))
                    .as("'%s'", bad)
                    .isInstanceOf(VersionRange.SyntaxException.class);
        }
    }
}
