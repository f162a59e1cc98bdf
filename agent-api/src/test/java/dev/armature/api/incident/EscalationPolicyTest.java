package dev.armature.api.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EscalationPolicyTest {
    private static final List<String> ON_CALL = List.of(
            "notify a",
            "wait 5m",
            "auto-resolve-after-quiet 30m",
            "notify-next-each-time b,c",
            "wait 10m",
            "notify-if 3 in 10m d",
            "repeat 1");

    @Test
    void parse_keeps_the_quiet_rule_apart_from_the_steps() {
        EscalationPolicy p = EscalationPolicy.parse("on-call", ON_CALL);

        assertThat(p.steps())
                .containsExactly(
                        new EscalationStep.Notify(List.of("a")),
                        new EscalationStep.Wait(Duration.ofMinutes(5)),
                        new EscalationStep.NotifyNextEachTime(List.of("b", "c")),
                        new EscalationStep.Wait(Duration.ofMinutes(10)),
                        new EscalationStep.NotifyIfNInWindow(3, Duration.ofMinutes(10), List.of("d")),
                        new EscalationStep.Repeat(1));
        assertThat(p.autoResolveAfterQuiet()).contains(Duration.ofMinutes(30));
        assertThat(p.repeats()).isEqualTo(1);
        assertThat(EscalationPolicy.parse("on-call", p.lines())).isEqualTo(p);
    }

    @Test
    void text_is_read_leniently_and_written_canonically() {
        assertThat(EscalationStep.parse("  NOTIFY pager , chat ").toString()).isEqualTo("notify pager,chat");
        assertThat(EscalationStep.parse("wait PT90S").toString()).isEqualTo("wait 90s");
        assertThat(EscalationStep.parse("wait 120m").toString()).isEqualTo("wait 2h");
        assertThat(EscalationStep.parse("notify-if 3 IN 1500ms x").toString()).isEqualTo("notify-if 3 in 1500ms x");
    }

    @Test
    void a_policy_of_only_the_quiet_rule_is_allowed() {
        EscalationPolicy p = EscalationPolicy.parse("quiet", List.of("auto-resolve-after-quiet 1h"));

        assertThat(p.steps()).isEmpty();
        assertThat(p.autoResolveAfterQuiet()).contains(Duration.ofHours(1));
    }

    @Test
    void nonsense_is_refused_naming_the_policy_the_line_and_what_to_write() {
        assertRefused(List.of("wait 0s"), "wait 0s", "a wait must be longer than zero, was 0s; write wait 5m");
        assertRefused(List.of("wait -5m"), "wait -5m", "is not a duration for a wait");
        assertRefused(List.of("notify"), "notify", "names no notification channel; write notify pager,chat");
        assertRefused(List.of("notify a b"), "notify a b", "separated by commas, not spaces");
        assertRefused(List.of("notify a,a"), "notify a,a", "named twice");
        assertRefused(List.of("notify Pager"), "notify Pager", "is not a notification channel's name");
        assertRefused(
                List.of("notify-if 0 in 5m a"), "notify-if 0 in 5m a", "the number of signals must be at least 1");
        assertRefused(List.of("notify-if 3 10m a"), "notify-if 3 10m a", "notify-if <n> in <window> <channels>");
        assertRefused(List.of("repeat 0"), "repeat 0", "the number of repeats must be at least 1, was 0");
        assertRefused(List.of("repeat two"), "repeat two", "'two' is not a whole number");
        assertRefused(List.of("page me"), "page me", "'page' is not an escalation step; write one of");
        assertRefused(List.of("wait 5m", "repeat 1", "notify a"), "repeat 1", "repeat must be the last step");
        assertRefused(List.of("wait 5m", "repeat 1", "repeat 1"), "repeat 1", "repeat must be the last step");
        assertRefused(List.of("notify a", "repeat 2"), "repeat 2", "hold no wait");
        assertRefused(
                List.of("auto-resolve-after-quiet 5m", "notify a", "auto-resolve-after-quiet 10m"),
                "auto-resolve-after-quiet 10m",
                "second quiet rule (the first is auto-resolve-after-quiet 5m)");
        assertThatThrownBy(() -> EscalationPolicy.parse("p", List.of()))
                .isInstanceOf(EscalationPolicyException.class)
                .hasMessage(
                        "escalation policy 'p': the policy has no steps; give it at least one, such as notify pager");
    }

    @Test
    void records_made_in_code_are_checked_as_lines_are() {
        assertThatThrownBy(() -> new EscalationStep.Wait(Duration.ZERO))
                .isInstanceOf(EscalationPolicyException.class)
                .hasMessageContaining("a wait must be longer than zero");
        assertThatThrownBy(() -> new EscalationPolicy(
                        "p",
                        List.of(new EscalationStep.AutoResolveAfterQuiet(Duration.ofMinutes(1))),
                        Optional.empty()))
                .isInstanceOf(EscalationPolicyException.class)
                .hasMessageContaining("the quiet rule is not a position");
        assertThatThrownBy(() -> new EscalationPolicy("p", List.of(), Optional.of(Duration.ofSeconds(-1))))
                .isInstanceOf(EscalationPolicyException.class)
                .hasMessageContaining("escalation policy 'p'")
                .hasMessageContaining("the quiet time must be longer than zero");
        assertThatThrownBy(() ->
                        new EscalationPolicy("a b", List.of(new EscalationStep.Notify(List.of("x"))), Optional.empty()))
                .isInstanceOf(EscalationPolicyException.class)
                .hasMessageContaining("a policy's name is letters");
    }

    private static void assertRefused(List<String> lines, String line, String problem) {
        assertThatThrownBy(() -> EscalationPolicy.parse("on-call", lines))
                .isInstanceOf(EscalationPolicyException.class)
                .hasMessageStartingWith("escalation policy 'on-call', step '" + line + "': ")
                .hasMessageContaining(problem)
                .asInstanceOf(type(EscalationPolicyException.class))
                .satisfies(e -> {
                    assertThat(e.policy()).contains("on-call");
                    assertThat(e.line()).contains(line);
                    assertThat(e.code()).isEqualTo(EscalationPolicyException.CODE);
                });
    }
}
