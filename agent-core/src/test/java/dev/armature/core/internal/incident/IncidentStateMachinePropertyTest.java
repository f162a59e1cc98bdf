package dev.armature.core.internal.incident;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.util.concurrent.MoreExecutors;
import dev.armature.api.incident.Incident;
import dev.armature.api.incident.IncidentException;
import dev.armature.api.incident.IncidentKey;
import dev.armature.api.incident.IncidentState;
import dev.armature.api.incident.TimelineEntry;
import dev.armature.api.time.RandomSource;
import dev.armature.core.internal.config.MapStateStore;
import dev.armature.core.internal.event.DefaultEventBus;
import dev.armature.core.time.ManualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The incident's life as a state machine: any sequence of signals, source changes, moves by people
 * (allowed or not, forced or not), passing time and restarts keeps the contracts — at most one open
 * incident per key, no illegal transition ever made (each refused with its typed reason and nothing
 * changed), a resolve while the source fails refused unless forced, quiet incidents resolved by the
 * system, and everything the same after a restart.
 */
class IncidentStateMachinePropertyTest {
    private static final Duration QUIET = Duration.ofMinutes(30);
    private static final List<IncidentKey> KEYS = List.of(
            IncidentKey.alert("errors", Map.of("component", "model")),
            IncidentKey.alert("errors", Map.of("component", "indexer")),
            IncidentKey.of(IncidentKey.Kind.COMPONENT, "indexer"));

    sealed interface Op permits Signal, Source, Move, Advance, Restart {}

    record Signal(int key, boolean failing) implements Op {}

    record Source(int key, boolean failing) implements Op {}

    record Move(int incident, IncidentState to, boolean force) implements Op {}

    record Advance(int minutes) implements Op {}

    record Restart() implements Op {}

    /** What the model expects of one incident. */
    static final class Expected {
        final IncidentKey key;
        IncidentState state = IncidentState.TRIGGERED;
        boolean failing;
        Instant lastActivity;

        Expected(IncidentKey key, boolean failing, Instant at) {
            this.key = key;
            this.failing = failing;
            this.lastActivity = at;
        }
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> signal = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.of(true, false))
                .as(Signal::new);
        Arbitrary<Op> source = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.of(true, false))
                .as(Source::new);
        Arbitrary<Op> move = Combinators.combine(
                        Arbitraries.integers().between(0, 9),
                        Arbitraries.of(IncidentState.class),
                        Arbitraries.of(true, false))
                .as(Move::new);
        Arbitrary<Op> advance = Arbitraries.integers().between(1, 45).map(Advance::new);
        Arbitrary<Op> restart = Arbitraries.just(new Restart());
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, signal),
                        net.jqwik.api.Tuple.of(3, source),
                        net.jqwik.api.Tuple.of(6, move),
                        net.jqwik.api.Tuple.of(2, advance),
                        net.jqwik.api.Tuple.of(1, restart))
                .list()
                .ofMaxSize(40);
    }

    @Property(tries = 300)
    void every_sequence_keeps_the_incident_contracts(@ForAll("ops") List<Op> ops) {
        ManualTime time = ManualTime.create();
        MapStateStore store = new MapStateStore();
        DefaultEventBus bus =
                new DefaultEventBus(time, RandomSource.seeded(1).stream("ids"), MoreExecutors.directExecutor());
        IncidentSettings settings = new IncidentSettings(
                java.util.EnumSet.allOf(SignalSource.class),
                Map.of(),
                Map.of(),
                Duration.ofMinutes(2),
                QUIET,
                List.of(),
                true,
                Map.of());
        IncidentBook book = book(store, time, bus, settings);
        Map<String, Expected> expected = new LinkedHashMap<>();
        Map<IncidentKey, String> open = new HashMap<>();
        for (Op op : ops) {
            if (op instanceof Signal s) {
                IncidentKey key = KEYS.get(s.key());
                book.signal(signal(key, s.failing(), time.now()));
                String id = open.get(key);
                if (id == null) {
                    id = "INC-" + (expected.size() + 1);
                    expected.put(id, new Expected(key, s.failing(), time.now()));
                    open.put(key, id);
                } else {
                    Expected e = requireNonNull(expected.get(id));
                    e.failing |= s.failing();
                    e.lastActivity = time.now();
                }
            } else if (op instanceof Source s) {
                IncidentKey key = KEYS.get(s.key());
                book.source(key, s.failing(), "source", new Signals.Cause(time.now(), "test/v1"));
                String id = open.get(key);
                Expected e = id == null ? null : expected.get(id);
                if (e != null && e.failing != s.failing()) {
                    e.failing = s.failing();
                    e.lastActivity = time.now();
                }
            } else if (op instanceof Move m) {
                if (expected.isEmpty()) {
                    continue;
                }
                String id = new ArrayList<>(expected.keySet()).get(m.incident() % expected.size());
                Expected e = requireNonNull(expected.get(id));
                IncidentBook current = book;
                Incident before = current.find(id).orElseThrow();
                boolean forced = m.force() && m.to() == IncidentState.RESOLVED;
                if (!e.state.canMoveTo(m.to())) {
                    assertThatThrownBy(() -> move(current, id, m.to(), forced))
                            .isInstanceOfSatisfying(IncidentException.class, x -> assertThat(x.kind())
                                    .isEqualTo(IncidentException.Kind.ILLEGAL_TRANSITION));
                    assertThat(book.find(id)).contains(before);
                } else if (m.to() == IncidentState.RESOLVED && e.failing && !forced) {
                    assertThatThrownBy(() -> move(current, id, m.to(), false))
                            .isInstanceOfSatisfying(IncidentException.class, x -> assertThat(x.kind())
                                    .isEqualTo(IncidentException.Kind.SOURCE_STILL_FAILING));
                    assertThat(book.find(id)).contains(before);
                } else {
                    assertThat(move(book, id, m.to(), forced).state()).isEqualTo(m.to());
                    e.state = m.to();
                    if (!m.to().isOpen()) {
                        open.remove(e.key, id);
                    }
                }
            } else if (op instanceof Advance a) {
                Instant end = time.now().plus(Duration.ofMinutes(a.minutes()));
                time.advance(Duration.ofMinutes(a.minutes()));
                for (Map.Entry<String, Expected> x : expected.entrySet()) {
                    Expected e = x.getValue();
                    if (e.state.isOpen()
                            && !e.failing
                            && !e.lastActivity.plus(QUIET).isAfter(end)) {
                        e.state = IncidentState.RESOLVED;
                        open.remove(e.key, x.getKey());
                    }
                }
            } else {
                List<Incident> before = book.list();
                book.close();
                book = book(store, time, bus, settings);
                assertThat(book.list()).isEqualTo(before);
            }
            check(book, expected);
        }
        book.close();
    }

    private static IncidentBook book(MapStateStore store, ManualTime time, DefaultEventBus bus, IncidentSettings s) {
        IncidentBook book = new IncidentBook(
                () -> store, time, time, bus, s, Map.of(), MoreExecutors.newDirectExecutorService(), Optional.empty());
        book.load();
        return book;
    }

    private static Signals.Signal signal(IncidentKey key, boolean failing, Instant at) {
        return new Signals.Signal(
                SignalSource.ALERT_CRITICAL, key, "t", failing, "signal", Map.of(), new Signals.Cause(at, "test/v1"));
    }

    private static Incident move(IncidentBook book, String id, IncidentState to, boolean force) {
        return switch (to) {
            case TRIGGERED -> throw new IncidentException(
                    IncidentException.Kind.ILLEGAL_TRANSITION, id, "nothing moves an incident back to TRIGGERED");
            case ACKNOWLEDGED -> book.acknowledge(id, "alice");
            case MITIGATED -> book.mitigate(id, "alice", "rolled back");
            case RESOLVED -> force ? book.forceResolve(id, "alice", "known noise") : book.resolve(id, "alice");
            case REVIEWED -> book.review(id, "alice");
        };
    }

    private static void check(IncidentBook book, Map<String, Expected> expected) {
        List<Incident> all = book.list();
        assertThat(all).hasSize(expected.size());
        Map<IncidentKey, Integer> openPerKey = new HashMap<>();
        for (Incident i : all) {
            Expected e = requireNonNull(expected.get(i.id()));
            assertThat(i.state()).as(i.id()).isEqualTo(e.state);
            assertThat(i.sourceFailing()).as(i.id()).isEqualTo(e.failing);
            if (i.state().isOpen()) {
                openPerKey.merge(i.key(), 1, Integer::sum);
            }
            IncidentState state = IncidentState.TRIGGERED;
            for (int n = 0; n < i.timeline().size(); n++) {
                TimelineEntry t = i.timeline().get(n);
                assertThat(t.sequence()).isEqualTo(n + 1L);
                if (t.kind() == TimelineEntry.Kind.STATE_CHANGED) {
                    IncidentState to =
                            IncidentState.valueOf(requireNonNull(t.details().get("to")));
                    assertThat(state.canMoveTo(to)).as("%s → %s", state, to).isTrue();
                    state = to;
                }
            }
            assertThat(state).isEqualTo(i.state());
            assertThat(i.resolvedAt().isPresent()).isEqualTo(!i.state().isOpen());
        }
        assertThat(openPerKey.values()).allMatch(n -> n == 1);
        assertThat(Optional.of(all)).isPresent();
    }
}
