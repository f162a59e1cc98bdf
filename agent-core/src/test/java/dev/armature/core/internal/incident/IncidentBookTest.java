package dev.armature.core.internal.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.util.concurrent.MoreExecutors;
import dev.armature.api.config.ConfigEvent;
import dev.armature.api.event.Event;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.api.incident.EscalationPolicy;
import dev.armature.api.incident.Incident;
import dev.armature.api.incident.IncidentEvent;
import dev.armature.api.incident.IncidentException;
import dev.armature.api.incident.IncidentKey;
import dev.armature.api.incident.IncidentState;
import dev.armature.api.incident.Priority;
import dev.armature.api.incident.Severity;
import dev.armature.api.incident.TimelineEntry;
import dev.armature.api.monitoring.AlertEvent;
import dev.armature.api.monitoring.AlertSeverity;
import dev.armature.api.monitoring.Notification;
import dev.armature.api.resilience.CircuitState;
import dev.armature.api.resilience.ErrorFinding;
import dev.armature.api.resilience.Fingerprint;
import dev.armature.api.resilience.GuardEvent;
import dev.armature.api.time.RandomSource;
import dev.armature.core.internal.config.MapStateStore;
import dev.armature.core.internal.event.DefaultEventBus;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.monitoring.NotificationChannel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The incident book on one thread: the bus delivers on the publisher's thread and notifications
 * go out on it too, so each call's consequences are complete when it returns.
 */
class IncidentBookTest {
    private static final Map<String, String> MODEL = Map.of("component", "model");

    private final ManualTime time = ManualTime.create();
    private final MapStateStore store = new MapStateStore();
    private final DefaultEventBus bus =
            new DefaultEventBus(time, RandomSource.seeded(7).stream("ids"), MoreExecutors.directExecutor());
    private final List<Event> published = new CopyOnWriteArrayList<>();
    private final List<Notification> paged = new CopyOnWriteArrayList<>();
    private int pagerFailures;
    private final NotificationChannel pager = new NotificationChannel() {
        @Override
        public String name() {
            return "pager";
        }

        @Override
        public void deliver(Notification n) {
            if (pagerFailures > 0) {
                pagerFailures--;
                throw new IllegalStateException("pager unreachable");
            }
            paged.add(n);
        }
    };
    private IncidentBook book = book(settings(List.of()));

    {
        bus.subscribe(IncidentEvent.class, SubscribeOptions.defaults(), e -> published.add(e.payload()));
    }

    private IncidentSettings settings(List<String> channels) {
        return new IncidentSettings(
                EnumSet.allOf(SignalSource.class),
                Map.of(SignalSource.ALERT_WARNING, Severity.SEV4),
                Map.of(),
                Duration.ofMinutes(2),
                Duration.ofMinutes(30),
                channels,
                true,
                Map.of());
    }

    private IncidentBook book(IncidentSettings settings) {
        return book(settings, Optional.empty());
    }

    private IncidentBook book(IncidentSettings settings, Optional<EscalationPolicy> policy) {
        IncidentBook b = new IncidentBook(
                () -> store,
                time,
                time,
                bus,
                settings,
                Map.of("pager", pager),
                MoreExecutors.newDirectExecutorService(),
                policy);
        b.load();
        b.subscribe();
        return b;
    }

    @AfterEach
    void close() {
        book.close();
    }

    private static AlertEvent.AlertFired fired(AlertSeverity severity, Instant at) {
        return new AlertEvent.AlertFired(
                "error-rate", severity, MODEL, Map.of("summary", "Model errors above 5%"), 0.07, at, at);
    }

    private List<TimelineEntry.Kind> kinds(Incident i) {
        return i.timeline().stream().map(TimelineEntry::kind).toList();
    }

    @Test
    void a_firing_alert_opens_one_incident_and_its_repeats_join_its_timeline() {
        bus.publish("alerts", fired(AlertSeverity.CRITICAL, time.now()));
        time.advance(Duration.ofMinutes(1));
        bus.publish("alerts", fired(AlertSeverity.CRITICAL, time.now()));

        assertThat(book.list()).hasSize(1);
        Incident i = book.list().get(0);
        assertThat(i.id()).isEqualTo("INC-1");
        assertThat(i.key()).isEqualTo(IncidentKey.alert("error-rate", MODEL));
        assertThat(i.title()).isEqualTo("Model errors above 5%");
        assertThat(i.severity()).isEqualTo(Severity.SEV2);
        assertThat(i.priority()).isEqualTo(Priority.P1);
        assertThat(i.sourceFailing()).isTrue();
        assertThat(i.signals()).isEqualTo(2);
        assertThat(kinds(i)).containsExactly(TimelineEntry.Kind.OPENED, TimelineEntry.Kind.SIGNAL);
        assertThat(i.timeline().get(0).eventType()).contains("armature.alert.fired/v1");
        assertThat(published)
                .first()
                .isEqualTo(new IncidentEvent.Opened("INC-1", i.key(), i.title(), Severity.SEV2, Priority.P1));
    }

    @Test
    void severity_and_priority_come_from_the_mapping_table() {
        bus.publish("alerts", fired(AlertSeverity.WARNING, time.now()));

        Incident i = book.list().get(0);
        assertThat(i.severity()).isEqualTo(Severity.SEV4); // mapped
        assertThat(i.priority()).isEqualTo(Priority.P2); // the default of alert-warning
    }

    @Test
    void an_incident_is_not_resolved_while_its_alert_fires_unless_forced_and_the_override_is_recorded() {
        bus.publish("alerts", fired(AlertSeverity.CRITICAL, time.now()));

        assertThatThrownBy(() -> book.resolve("INC-1", "alice")).isInstanceOfSatisfying(IncidentException.class, e -> {
            assertThat(e.kind()).isEqualTo(IncidentException.Kind.SOURCE_STILL_FAILING);
            assertThat(e.code()).isEqualTo("armature.incident.source-still-failing");
            assertThat(e).hasMessageContaining("INC-1").hasMessageContaining("force");
        });
        Incident forced = book.forceResolve("INC-1", "alice", "the alert is a known false positive");

        assertThat(forced.state()).isEqualTo(IncidentState.RESOLVED);
        TimelineEntry last = forced.timeline().get(forced.timeline().size() - 1);
        assertThat(last.kind()).isEqualTo(TimelineEntry.Kind.STATE_CHANGED);
        assertThat(last.actor()).isEqualTo("alice");
        assertThat(last.details()).containsEntry("forced", "true");
        assertThat(last.text()).contains("the alert is a known false positive");
        assertThat(published)
                .contains(new IncidentEvent.StateChanged(
                        "INC-1", IncidentState.TRIGGERED, IncidentState.RESOLVED, "alice", true));
    }

    @Test
    void a_resolved_alert_lets_the_incident_resolve_and_a_new_firing_opens_a_new_incident() {
        bus.publish("alerts", fired(AlertSeverity.CRITICAL, time.now()));
        book.acknowledge("INC-1", "alice");
        bus.publish(
                "alerts",
                new AlertEvent.AlertResolved(
                        "error-rate", AlertSeverity.CRITICAL, MODEL, 0.01, time.now(), time.now()));
        Incident resolved = book.resolve("INC-1", "alice");
        bus.publish("alerts", fired(AlertSeverity.CRITICAL, time.now()));

        assertThat(kinds(resolved))
                .containsExactly(
                        TimelineEntry.Kind.OPENED,
                        TimelineEntry.Kind.STATE_CHANGED,
                        TimelineEntry.Kind.SOURCE,
                        TimelineEntry.Kind.STATE_CHANGED);
        assertThat(book.list()).extracting(Incident::id).containsExactly("INC-2", "INC-1");
    }

    @Test
    void an_incident_whose_source_is_quiet_resolves_by_itself_after_the_quiet_period() {
        Fingerprint fp = Fingerprint.parse("v1:0123456789abcdef");
        bus.publish("errors", new ErrorFinding.NewError(fp, "java.io.IOException", "model.chat"));
        time.advance(Duration.ofMinutes(20));
        bus.publish("errors", new ErrorFinding.Spike(fp, Duration.ofMinutes(5), 40, 2, 20));
        time.advance(Duration.ofMinutes(29));
        assertThat(book.find("INC-1").orElseThrow().state()).isEqualTo(IncidentState.TRIGGERED);

        time.advance(Duration.ofMinutes(1));

        Incident i = book.find("INC-1").orElseThrow();
        assertThat(i.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(i.resolvedAt()).contains(i.openedAt().plus(Duration.ofMinutes(50)));
        TimelineEntry last = i.timeline().get(i.timeline().size() - 1);
        assertThat(last.actor()).isEqualTo(TimelineEntry.SYSTEM);
        assertThat(last.text()).contains("no signal for PT30M");
    }

    @Test
    void a_failing_source_holds_off_the_quiet_resolve_until_it_recovers() {
        bus.publish("alerts", fired(AlertSeverity.CRITICAL, time.now()));
        time.advance(Duration.ofHours(2));
        assertThat(book.find("INC-1").orElseThrow().state()).isEqualTo(IncidentState.TRIGGERED);

        bus.publish(
                "alerts",
                new AlertEvent.AlertResolved(
                        "error-rate", AlertSeverity.CRITICAL, MODEL, 0.01, time.now(), time.now()));
        time.advance(Duration.ofMinutes(30));

        assertThat(book.find("INC-1").orElseThrow().state()).isEqualTo(IncidentState.RESOLVED);
    }

    @Test
    void a_listener_that_moves_time_on_an_incident_event_finds_the_change_whole() {
        bus.publish("alerts", fired(AlertSeverity.CRITICAL, time.now()));
        // The moment the source is reported recovered, somebody moves time past the quiet period: the
        // quiet timer of that change must already be armed, though the listener runs inside it.
        bus.subscribe(IncidentEvent.Recorded.class, SubscribeOptions.defaults(), e -> {
            if (e.payload().entry().kind() == TimelineEntry.Kind.SOURCE) {
                time.advance(Duration.ofMinutes(30));
            }
        });
        bus.publish(
                "alerts",
                new AlertEvent.AlertResolved(
                        "error-rate", AlertSeverity.CRITICAL, MODEL, 0.01, time.now(), time.now()));

        Incident i = book.find("INC-1").orElseThrow();
        assertThat(i.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(kinds(i).subList(i.timeline().size() - 2, i.timeline().size()))
                .containsExactly(TimelineEntry.Kind.SOURCE, TimelineEntry.Kind.STATE_CHANGED);
        assertThat(published)
                .filteredOn(IncidentEvent.Recorded.class::isInstance)
                .extracting(e -> ((IncidentEvent.Recorded) e).entry().sequence())
                .as("published in the order of the timeline")
                .isSorted();
    }

    @Test
    void a_circuit_open_longer_than_the_threshold_opens_an_incident_and_one_that_closes_in_time_does_not() {
        bus.publish("guards", circuit("search", CircuitState.CLOSED, CircuitState.OPEN));
        time.advance(Duration.ofMinutes(1));
        bus.publish("guards", circuit("search", CircuitState.OPEN, CircuitState.CLOSED));
        time.advance(Duration.ofMinutes(5));
        assertThat(book.list()).isEmpty();

        bus.publish("guards", circuit("model.chat", CircuitState.CLOSED, CircuitState.OPEN));
        time.advance(Duration.ofMinutes(1));
        bus.publish("guards", circuit("model.chat", CircuitState.OPEN, CircuitState.HALF_OPEN));
        bus.publish("guards", circuit("model.chat", CircuitState.HALF_OPEN, CircuitState.OPEN));
        time.advance(Duration.ofMinutes(1));

        Incident i = book.list().get(0);
        assertThat(i.key()).isEqualTo(IncidentKey.of(IncidentKey.Kind.GUARD, "model.chat"));
        assertThat(i.openedAt()).isEqualTo(time.now());
        assertThat(i.severity()).isEqualTo(Severity.SEV3);
        assertThat(i.sourceFailing()).isTrue();

        bus.publish("guards", circuit("model.chat", CircuitState.OPEN, CircuitState.CLOSED));
        assertThat(book.find(i.id()).orElseThrow().sourceFailing()).isFalse();
    }

    private static GuardEvent.CircuitStateChanged circuit(String guard, CircuitState from, CircuitState to) {
        return new GuardEvent.CircuitStateChanged(guard, Optional.empty(), from, to, "test");
    }

    @Test
    void configuration_changes_join_the_timelines_of_open_incidents_only() {
        Incident open = book.open(IncidentKey.of(IncidentKey.Kind.MANUAL, "a"), "A", Severity.SEV3, Priority.P3, "bob");
        Incident closed =
                book.open(IncidentKey.of(IncidentKey.Kind.MANUAL, "b"), "B", Severity.SEV3, Priority.P3, "bob");
        book.resolve(closed.id(), "bob");

        bus.publish("config", new ConfigEvent.Applied(4, "override", List.of("agent.greeting")));

        assertThat(kinds(book.find(open.id()).orElseThrow()))
                .containsExactly(TimelineEntry.Kind.OPENED, TimelineEntry.Kind.CONFIG);
        assertThat(kinds(book.find(closed.id()).orElseThrow()))
                .containsExactly(TimelineEntry.Kind.OPENED, TimelineEntry.Kind.STATE_CHANGED);
    }

    @Test
    void a_disabled_signal_opens_nothing() {
        book.close();
        book = book(new IncidentSettings(
                EnumSet.of(SignalSource.MANUAL),
                Map.of(),
                Map.of(),
                Duration.ofMinutes(2),
                Duration.ZERO,
                List.of(),
                true,
                Map.of()));

        bus.publish("alerts", fired(AlertSeverity.CRITICAL, time.now()));

        assertThat(book.list()).isEmpty();
    }

    @Test
    void channels_are_told_of_openings_and_state_changes_at_least_once_and_the_deliveries_are_recorded() {
        book.close();
        book = book(settings(List.of("pager")));
        pagerFailures = 1;

        bus.publish("alerts", fired(AlertSeverity.CRITICAL, time.now()));
        assertThat(paged).isEmpty();
        time.advance(Duration.ofSeconds(5)); // the retry's backoff
        book.acknowledge("INC-1", "alice");

        // Entry 2 is the record of the first delivery; the acknowledgement is entry 3.
        assertThat(paged).extracting(Notification::idempotencyKey).containsExactly("INC-1/1", "INC-1/3");
        Notification first = paged.get(0);
        assertThat(first.kind()).isEqualTo("incident");
        assertThat(first.status()).isEqualTo(Notification.Status.FIRING);
        assertThat(first.groupLabels())
                .containsEntry("incident", "INC-1")
                .containsEntry("severity", "SEV2")
                .containsEntry("state", "TRIGGERED");
        List<String> recorded = new ArrayList<>();
        for (TimelineEntry e : book.find("INC-1").orElseThrow().timeline()) {
            if (e.kind() == TimelineEntry.Kind.NOTIFICATION) {
                recorded.add(e.details().get("idempotencyKey"));
            }
        }
        assertThat(recorded).containsExactly("INC-1/1", "INC-1/3");
    }

    @Test
    void incidents_and_their_timelines_survive_a_restart_and_ids_go_on_counting() {
        bus.publish("alerts", fired(AlertSeverity.CRITICAL, time.now()));
        book.acknowledge("INC-1", "alice");
        book.note("INC-1", "alice", "rolled the model back");
        book.addActionItem("INC-1", "alert on the model's latency too", "bob", LocalDate.of(2026, 12, 1));
        List<Incident> before = book.list();

        book.close();
        book = book(settings(List.of()));

        assertThat(book.list()).isEqualTo(before);
        bus.publish("alerts", fired(AlertSeverity.CRITICAL, time.now()));
        assertThat(book.find("INC-1").orElseThrow().signals()).isEqualTo(2); // still open: de-duplicated
        Incident other =
                book.open(IncidentKey.of(IncidentKey.Kind.MANUAL, "x"), "X", Severity.SEV5, Priority.P5, "bob");
        assertThat(other.id()).isEqualTo("INC-2");
    }

    @Test
    void action_items_are_tracked_until_closed() {
        Incident i = book.open(IncidentKey.of(IncidentKey.Kind.MANUAL, "a"), "A", Severity.SEV3, Priority.P3, "bob");
        book.addActionItem(i.id(), "add a runbook", "carol", LocalDate.of(2026, 12, 1));

        Incident closed = book.closeActionItem(i.id(), "A1", "carol");

        assertThat(closed.actionItems()).singleElement().satisfies(a -> assertThat(a.isOpen())
                .isFalse());
        assertThatThrownBy(() -> book.closeActionItem(i.id(), "A1", "carol"))
                .isInstanceOfSatisfying(IncidentException.class, e -> assertThat(e.kind())
                        .isEqualTo(IncidentException.Kind.UNKNOWN_REFERENCE));
        assertThatThrownBy(() -> book.acknowledge("INC-9", "carol"))
                .isInstanceOfSatisfying(
                        IncidentException.class, e -> assertThat(e.kind()).isEqualTo(IncidentException.Kind.NOT_FOUND));
    }

    private static final EscalationPolicy ONCALL = EscalationPolicy.parse(
            "oncall", List.of("notify pager", "wait 5m", "notify pager", "wait 5m", "notify pager"));

    private List<Instant> escalationsAt(String id) {
        return book.find(id).orElseThrow().timeline().stream()
                .filter(e -> e.kind() == TimelineEntry.Kind.ESCALATION)
                .map(TimelineEntry::at)
                .toList();
    }

    @Test
    void the_escalation_policy_notifies_on_its_schedule_until_the_incident_is_acknowledged() {
        book.close();
        book = book(settings(List.of()), Optional.of(ONCALL));
        Instant t0 = time.now();
        bus.publish("alerts", fired(AlertSeverity.CRITICAL, t0));
        time.advance(Duration.ZERO);
        time.advance(Duration.ofMinutes(5));
        book.acknowledge("INC-1", "alice");
        time.advance(Duration.ofMinutes(30));

        assertThat(paged).hasSize(2).allSatisfy(n -> assertThat(n.groupKey()).isEqualTo("INC-1"));
        assertThat(book.find("INC-1").orElseThrow().escalationPolicy()).contains("oncall");
        // notify, wait, then notify and wait again at five minutes; nothing after the acknowledgement
        assertThat(escalationsAt("INC-1"))
                .containsExactly(t0, t0, t0.plus(Duration.ofMinutes(5)), t0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void an_escalation_resumes_after_a_restart_where_it_was_without_notifying_twice() {
        book.close();
        book = book(settings(List.of()), Optional.of(ONCALL));
        Instant t0 = time.now();
        bus.publish("alerts", fired(AlertSeverity.CRITICAL, t0));
        time.advance(Duration.ofMinutes(2));
        assertThat(paged).hasSize(1);

        book.close();
        time.advance(Duration.ofMinutes(1)); // down for a minute, in the middle of the first wait
        book = book(settings(List.of()), Optional.of(ONCALL));
        time.advance(Duration.ZERO);
        assertThat(paged).hasSize(1);
        time.advance(Duration.ofMinutes(2));

        assertThat(paged).hasSize(2);
        assertThat(escalationsAt("INC-1"))
                .containsExactly(t0, t0, t0.plus(Duration.ofMinutes(5)), t0.plus(Duration.ofMinutes(5)));
    }
}
