package dev.armature.api.incident;

import dev.armature.api.ProvidedBy;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The system's incidents: those it opened from its own signals and those opened by hand. Reached
 * with {@code system.incidents()}. Every change is saved in the system's state store before it is
 * returned or published, so incidents and their timelines survive a restart. Thread-safe.
 *
 * <pre>{@code
 * Incidents incidents = system.incidents();
 * for (Incident i : incidents.open()) {
 *     incidents.acknowledge(i.id(), "alice");
 * }
 * }</pre>
 *
 * @since 0.1
 */
@ProvidedBy("dev.armature:agent-core")
public interface Incidents {
    /**
     * Returns every incident the system keeps, newest first.
     *
     * @return an unmodifiable list
     */
    List<Incident> list();

    /**
     * Returns the incidents that are not yet resolved, newest first.
     *
     * @return an unmodifiable list
     */
    default List<Incident> open() {
        return list().stream().filter(i -> i.state().isOpen()).toList();
    }

    /**
     * Returns an incident.
     *
     * @param id the incident's id
     * @return the incident, or empty if none has the id
     */
    Optional<Incident> find(String id);

    /**
     * Opens an incident by hand, or, when an open incident already has the key, appends a signal to
     * its timeline and returns it.
     *
     * @param key what it is about
     * @param title one line for people
     * @param severity how bad it is
     * @param priority how soon to work on it
     * @param actor who opens it
     * @return the incident, new or de-duplicated
     */
    Incident open(IncidentKey key, String title, Severity severity, Priority priority, String actor);

    /**
     * Acknowledges an incident: somebody has taken it, and its escalation stops.
     *
     * @param id the incident's id
     * @param actor who takes it
     * @return the incident
     * @throws IncidentException if no incident has the id or it is past TRIGGERED
     */
    Incident acknowledge(String id, String actor);

    /**
     * Marks an incident mitigated: its impact has stopped.
     *
     * @param id the incident's id
     * @param actor who says so
     * @param note how it was mitigated
     * @return the incident
     * @throws IncidentException if no incident has the id or it is past ACKNOWLEDGED
     */
    Incident mitigate(String id, String actor, String note);

    /**
     * Resolves an incident whose source no longer fails.
     *
     * @param id the incident's id
     * @param actor who resolves it
     * @return the incident
     * @throws IncidentException if no incident has the id, it is not open, or its source still fails
     *     ({@link IncidentException.Kind#SOURCE_STILL_FAILING}; see {@link #forceResolve})
     */
    Incident resolve(String id, String actor);

    /**
     * Resolves an incident even though its source still fails; the override and its reason are
     * recorded on the timeline.
     *
     * @param id the incident's id
     * @param actor who resolves it
     * @param reason why it is resolved anyway; not blank
     * @return the incident
     * @throws IncidentException if no incident has the id or it is not open
     */
    Incident forceResolve(String id, String actor, String reason);

    /**
     * Marks a resolved incident reviewed: its post-incident review has been held.
     *
     * @param id the incident's id
     * @param actor who held it
     * @return the incident
     * @throws IncidentException if no incident has the id or it is not RESOLVED
     */
    Incident review(String id, String actor);

    /**
     * Appends a note to an incident's timeline.
     *
     * @param id the incident's id
     * @param actor who writes it
     * @param text the note
     * @return the incident
     * @throws IncidentException if no incident has the id
     */
    Incident note(String id, String actor, String text);

    /**
     * Adds an action item to an incident.
     *
     * @param id the incident's id
     * @param text what is to be done
     * @param owner who does it
     * @param due by when
     * @return the incident, with the item (its id is the next {@code A<n>})
     * @throws IncidentException if no incident has the id
     */
    Incident addActionItem(String id, String text, String owner, LocalDate due);

    /**
     * Closes an action item.
     *
     * @param id the incident's id
     * @param itemId the item's id
     * @param actor who closes it
     * @return the incident
     * @throws IncidentException if no incident has the id or it has no such open item
     */
    Incident closeActionItem(String id, String itemId, String actor);

    /**
     * Starts a runbook for an incident; returns at once, while its steps run on the system's
     * workers. Each step's outcome is recorded on the incident's timeline.
     *
     * @param id the incident's id
     * @param runbook the runbook's name
     * @param actor who starts it
     * @return the run as it starts
     * @throws IncidentException if no incident has the id
     * @throws RunbookException if no runbook has the name ({@link RunbookException.Kind#UNKNOWN}) or
     *     it already runs for the incident ({@link RunbookException.Kind#ALREADY_RUNNING})
     */
    RunbookRun runRunbook(String id, String runbook, String actor);

    /**
     * Returns the plan of a runbook for an incident: each step with what it would do. Touches
     * nothing: no step, precondition or rollback runs, and the timeline is not changed.
     *
     * @param id the incident's id
     * @param runbook the runbook's name
     * @return the plan, a run marked as dry
     * @throws IncidentException if no incident has the id
     * @throws RunbookException if no runbook has the name
     */
    RunbookRun dryRunRunbook(String id, String runbook);

    /**
     * Approves the manual gate a runbook's run waits at, so that the run goes on.
     *
     * @param id the incident's id
     * @param runbook the runbook's name
     * @param step the gate's name
     * @param approver who approves
     * @return the run after the approval
     * @throws RunbookException if no run of the runbook goes on for the incident, or it does not
     *     wait at that gate ({@link RunbookException.Kind#NOT_WAITING})
     */
    RunbookRun approveRunbookStep(String id, String runbook, String step, String approver);

    /**
     * Renders a communication template for an incident and sends it: records it on the timeline,
     * delivers it to the incident channels, and restarts the incident's update reminders.
     *
     * @param id the incident's id
     * @param template the template's name ({@code internal}, {@code status-page} or one configured)
     * @param fields the fields the template needs, such as {@code impact}, {@code status} and {@code
     *     next-update}
     * @param actor who sends it
     * @return the rendered communication
     * @throws IncidentException if no incident has the id, or no template has the name ({@link
     *     IncidentException.Kind#UNKNOWN_REFERENCE})
     * @throws TemplateException if a field the severity requires is missing or the text names one
     *     that is not given; nothing was sent
     */
    Communication communicate(String id, String template, java.util.Map<String, String> fields, String actor);

    /**
     * Returns the post-incident report of an incident: of a resolved one, final; of an open one, a
     * draft as of now.
     *
     * @param id the incident's id
     * @return the report
     * @throws IncidentException if no incident has the id
     */
    IncidentReport report(String id);
}
