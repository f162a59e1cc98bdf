package dev.armature.core.internal.incident.runbook;

import static org.assertj.core.api.Assertions.fail;

import dev.armature.api.incident.RunbookRun;
import dev.armature.api.incident.RunbookStepOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A journal for tests: keeps every report in order and lets a test wait for one. */
public final class RecordingJournal implements RunbookJournal {
    /** One report of a step. */
    public record Entry(
            String incidentId, String runbook, String step, RunbookStepOutcome outcome, String detail, boolean dryRun) {
        /** The step and outcome as {@code step:OUTCOME}, the shape most assertions compare. */
        public String brief() {
            return step + ":" + outcome;
        }
    }

    /** Not a timing assertion: only how long a broken run may hang the test before it fails. */
    private static final long SAFETY_NET_SECONDS = 10;

    private final List<Entry> entries = new ArrayList<>();
    private final List<RunbookRun> finished = new ArrayList<>();
    private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();

    @Override
    public synchronized void stepFinished(
            String incidentId, String runbook, String step, RunbookStepOutcome outcome, String detail, boolean dryRun) {
        Entry e = new Entry(incidentId, runbook, step, outcome, detail, dryRun);
        entries.add(e);
        arrivals.add(e);
    }

    @Override
    public synchronized void runFinished(RunbookRun run) {
        finished.add(run);
        arrivals.add(run);
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized List<String> briefs() {
        return entries.stream().map(Entry::brief).toList();
    }

    public synchronized List<RunbookRun> finished() {
        return List.copyOf(finished);
    }

    /** Waits for the next report that matches, skipping the others. */
    Object awaitArrival(Predicate<Object> wanted) throws InterruptedException {
        while (true) {
            Object next = arrivals.poll(SAFETY_NET_SECONDS, TimeUnit.SECONDS);
            if (next == null) {
                return fail("no matching runbook report arrived; so far: " + briefs());
            }
            if (wanted.test(next)) {
                return next;
            }
        }
    }

    public Entry awaitStep(String step, RunbookStepOutcome outcome) throws InterruptedException {
        return (Entry) awaitArrival(o -> o instanceof Entry e && e.step().equals(step) && e.outcome() == outcome);
    }

    public RunbookRun awaitEnd() throws InterruptedException {
        return (RunbookRun) awaitArrival(o -> o instanceof RunbookRun);
    }
}
