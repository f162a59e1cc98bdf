package dev.armature.core.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ShutdownPhase;
import dev.armature.api.StartupException;
import dev.armature.api.event.Event;
import dev.armature.core.time.ManualTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No thread a system owns outlives its {@code close()}. Each test names its system uniquely and
 * looks for that system's threads ({@code armature-<name>-…}), so a system another test leaked
 * cannot make this one fail.
 */
class ThreadLeakTest {
    private static List<String> liveThreadsOf(String systemName) {
        String prefix = "armature-" + systemName + "-";
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(prefix))
                .toList();
    }

    private static AgentSystem.Builder busySystem(String name) {
        // Every kind of owned thread gets work: workers (starts, stops, tasks), event delivery
        // (a subscriber), and the shutdown thread.
        return AgentSystem.builder()
                .name(name)
                .component(new TestComponent(ComponentDescriptor.of("a")))
                .component(new TestComponent(ComponentDescriptor.of("b", "a")))
                .component(new TestComponent(ComponentDescriptor.of("c")))
                .addShutdownTask(ShutdownPhase.DRAIN, "drain", () -> {});
    }

    @Test
    void no_thread_of_the_system_is_alive_after_close_with_the_default_scheduler() {
        AgentSystem system = busySystem("leak-default").build();
        var unused = system.events().subscribe(Event.class, e -> {});
        system.start();
        assertThat(liveThreadsOf("leak-default")).isNotEmpty();

        system.close();

        assertThat(liveThreadsOf("leak-default")).isEmpty();
    }

    @Test
    void no_thread_of_the_system_is_alive_after_close_with_manual_time() {
        AgentSystem system =
                busySystem("leak-manual").timeSource(ManualTime.create()).build();
        var unused = system.events().subscribe(Event.class, e -> {});
        system.start();

        system.close();

        assertThat(liveThreadsOf("leak-manual")).isEmpty();
    }

    @Test
    void no_thread_of_the_system_is_alive_after_a_failed_start() {
        AgentSystem system = busySystem("leak-failed")
                .component(new TestComponent(ComponentDescriptor.of("broken")).onStart(c -> {
                    throw new IllegalStateException("broken");
                }))
                .build();
        try {
            system.start();
        } catch (StartupException expected) {
            // the failure under test is the threads, not the start
        }

        assertThat(liveThreadsOf("leak-failed")).isEmpty();
    }
}
