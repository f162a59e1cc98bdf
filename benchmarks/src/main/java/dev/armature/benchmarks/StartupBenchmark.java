package dev.armature.benchmarks;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.AbstractIdleService;
import com.google.common.util.concurrent.Service;
import com.google.common.util.concurrent.ServiceManager;
import dev.armature.api.AgentSystem;
import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.SystemState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Starting a random DAG of {@value RandomDag#NODES} components ({@value RandomDag#DEPTH} layers of
 * at most {@value RandomDag#MAX_WIDTH}, fixed seed, see {@link RandomDag}), each beside its
 * baseline:
 *
 * <ul>
 *   <li>{@code armatureOrchestrator}: Armature's {@code start()} with the default worker pool, each
 *       component's start sleeping {@value #START_MILLIS} ms; beside {@code criticalPath}, the same
 *       sleeps along the graph's longest chain one after the other (no ordered start can be faster),
 *       and {@code guavaServiceManager}, the same services started by Guava's {@code ServiceManager}
 *       with no ordering at all.
 *   <li>{@code armatureNoop}: the same graph with starts that do nothing, so the score is the
 *       orchestration's own cost; beside {@code completableFutureDag}, the graph wired by hand with
 *       {@code CompletableFuture.allOf(deps).thenRunAsync(start, pool)} on a fixed pool of 32 threads
 *       that the benchmark owns, and {@code completableFutureDagNewPool}, the same on a new pool per
 *       start whose threads start lazily during the measurement.
 *   <li>{@code armatureNoopHostPool}: {@code armatureNoop} with the system given the benchmark's warm
 *       pool through {@code AgentSystem.Builder.workerExecutor}, the pool {@code
 *       completableFutureDag} runs on: the like-for-like comparison of the orchestration's cost.
 * </ul>
 *
 * <p>Only the start is measured: each system or service manager is built in a {@code
 * Level.Invocation} set-up and stopped in a {@code Level.Invocation} tear-down. JMH warns that such
 * helpers cost a timestamp per call and may perturb benchmarks shorter than a millisecond or so;
 * every benchmark here takes milliseconds, which is what that level is for.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// Ten warm-up iterations, not three: each invocation builds and stops a system outside the
// measurement, so an iteration holds only a few hundred starts, and the start path was still
// getting faster through the fifth measured iteration after three (JIT; a plain loop of
// build/start/stop settles after ~600 starts).
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StartupBenchmark {
    /** How long each sleeping start takes. */
    static final long START_MILLIS = 2;

    static final RandomDag DAG = RandomDag.standard();
    private static final int[][] DEPENDENCIES = dependencies(DAG);
    private static final List<ComponentDescriptor> DESCRIPTORS = descriptors(DAG);
    private static final List<Integer> SINKS = DAG.sinks();

    private static int[][] dependencies(RandomDag dag) {
        int[][] deps = new int[dag.size()][];
        for (int node = 0; node < dag.size(); node++) {
            deps[node] = dag.dependencies(node);
        }
        return deps;
    }

    private static List<ComponentDescriptor> descriptors(RandomDag dag) {
        List<ComponentDescriptor> out = new ArrayList<>();
        for (int node = 0; node < dag.size(); node++) {
            int[] deps = dag.dependencies(node);
            String[] names = new String[deps.length];
            for (int i = 0; i < deps.length; i++) {
                names[i] = RandomDag.name(deps[i]);
            }
            out.add(ComponentDescriptor.of(RandomDag.name(node), names));
        }
        return List.copyOf(out);
    }

    /** What every start does, in Armature's components and in each baseline alike. */
    static void startWork(long millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    /** A component of the graph whose start sleeps, or does nothing. */
    static final class DagComponent implements Component {
        private final ComponentDescriptor descriptor;
        private final long startMillis;

        DagComponent(ComponentDescriptor descriptor, long startMillis) {
            this.descriptor = descriptor;
            this.startMillis = startMillis;
        }

        @Override
        public ComponentDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public void start(ComponentContext context) throws InterruptedException {
            startWork(startMillis);
        }

        @Override
        public void stop() {}
    }

    /** The same start as a Guava service; by Guava's default, each start runs on a thread of its own. */
    static final class DagService extends AbstractIdleService {
        private final String name;
        private final long startMillis;

        DagService(String name, long startMillis) {
            this.name = name;
            this.startMillis = startMillis;
        }

        @Override
        protected void startUp() throws InterruptedException {
            startWork(startMillis);
        }

        @Override
        protected void shutDown() {}

        @Override
        protected String serviceName() {
            return name;
        }
    }

    static AgentSystem buildSystem(long startMillis) {
        return buildSystem(startMillis, AgentSystem.builder());
    }

    static AgentSystem buildSystem(long startMillis, AgentSystem.Builder builder) {
        builder.name("startup-bench");
        for (ComponentDescriptor d : DESCRIPTORS) {
            builder.component(new DagComponent(d, startMillis));
        }
        return builder.build();
    }

    /** A built, unstarted system; stopped after each start, outside the measurement. */
    public abstract static class BuiltSystem {
        private @Nullable AgentSystem system;

        void set(AgentSystem built) {
            system = built;
        }

        AgentSystem system() {
            return requireNonNull(system, "system");
        }

        @TearDown(Level.Invocation)
        public void stop() {
            AgentSystem s = system();
            s.stop();
            if (s.state() != SystemState.STOPPED) {
                throw new IllegalStateException("the system did not stop cleanly: " + s.state());
            }
            system = null;
        }
    }

    /** A system whose starts sleep. */
    @State(Scope.Thread)
    public static class SleepingSystem extends BuiltSystem {
        @Setup(Level.Invocation)
        public void build() {
            set(buildSystem(START_MILLIS));
        }
    }

    /** A system whose starts do nothing, on a worker pool of its own. */
    @State(Scope.Thread)
    public static class NoopSystem extends BuiltSystem {
        @Setup(Level.Invocation)
        public void build() {
            set(buildSystem(0));
        }
    }

    /**
     * A system whose starts do nothing, given the benchmark's warm pool as its worker executor: the
     * pool that {@code completableFutureDag} runs on, kept for the whole trial.
     */
    @State(Scope.Thread)
    public static class NoopSystemOnHostPool extends BuiltSystem {
        @Setup(Level.Invocation)
        public void build(SharedPool pool) {
            set(buildSystem(0, AgentSystem.builder().workerExecutor(pool.executor)));
        }
    }

    /** Guava's service manager over the same services, unstarted; stopped after each start. */
    @State(Scope.Thread)
    public static class GuavaServices {
        private @Nullable ServiceManager manager;

        @Setup(Level.Invocation)
        public void build() {
            List<Service> services = new ArrayList<>();
            for (int node = 0; node < DAG.size(); node++) {
                services.add(new DagService(RandomDag.name(node), START_MILLIS));
            }
            manager = new ServiceManager(services);
        }

        ServiceManager manager() {
            return requireNonNull(manager, "manager");
        }

        @TearDown(Level.Invocation)
        public void stop() throws Exception {
            manager().stopAsync().awaitStopped(Duration.ofSeconds(30));
            manager = null;
        }
    }

    /** A pool of Armature's default size, owned by the benchmark and kept for the whole trial. */
    @State(Scope.Benchmark)
    public static class SharedPool {
        final ExecutorService executor = Executors.newFixedThreadPool(AgentSystem.Builder.DEFAULT_WORKER_POOL_SIZE);

        @TearDown(Level.Trial)
        public void shutDown() throws InterruptedException {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** A new pool of Armature's default size for each start, shut down after it. */
    @State(Scope.Thread)
    public static class NewPool {
        private @Nullable ExecutorService executor;

        @Setup(Level.Invocation)
        public void create() {
            executor = Executors.newFixedThreadPool(AgentSystem.Builder.DEFAULT_WORKER_POOL_SIZE);
        }

        ExecutorService executor() {
            return requireNonNull(executor, "executor");
        }

        @TearDown(Level.Invocation)
        public void shutDown() throws InterruptedException {
            ExecutorService e = executor();
            e.shutdownNow();
            e.awaitTermination(10, TimeUnit.SECONDS);
            executor = null;
        }
    }

    @Benchmark
    public SystemState armatureOrchestrator(SleepingSystem s) {
        AgentSystem system = s.system();
        system.start();
        return system.state();
    }

    @Benchmark
    public int criticalPath() throws InterruptedException {
        int started = 0;
        for (int unused : DAG.criticalPath()) {
            startWork(START_MILLIS);
            started++;
        }
        return started;
    }

    @Benchmark
    public ServiceManager guavaServiceManager(GuavaServices g) {
        ServiceManager manager = g.manager();
        manager.startAsync().awaitHealthy();
        return manager;
    }

    @Benchmark
    public SystemState armatureNoop(NoopSystem s) {
        AgentSystem system = s.system();
        system.start();
        return system.state();
    }

    @Benchmark
    public SystemState armatureNoopHostPool(NoopSystemOnHostPool s) {
        AgentSystem system = s.system();
        system.start();
        return system.state();
    }

    @Benchmark
    public int completableFutureDag(SharedPool pool) {
        return startByHand(pool.executor);
    }

    @Benchmark
    public int completableFutureDagNewPool(NewPool pool) {
        return startByHand(pool.executor());
    }

    /** Each node starts once all its dependencies have: the graph wired by hand. */
    private static int startByHand(ExecutorService executor) {
        Runnable start = () -> {};
        CompletableFuture<?>[] started = new CompletableFuture<?>[DEPENDENCIES.length];
        for (int node = 0; node < DEPENDENCIES.length; node++) {
            int[] deps = DEPENDENCIES[node];
            if (deps.length == 0) {
                started[node] = CompletableFuture.runAsync(start, executor);
            } else {
                CompletableFuture<?>[] before = new CompletableFuture<?>[deps.length];
                for (int i = 0; i < deps.length; i++) {
                    before[i] = started[deps[i]];
                }
                started[node] = CompletableFuture.allOf(before).thenRunAsync(start, executor);
            }
        }
        List<Integer> sinks = SINKS;
        CompletableFuture<?>[] last = new CompletableFuture<?>[sinks.size()];
        for (int i = 0; i < last.length; i++) {
            last[i] = started[sinks.get(i)];
        }
        CompletableFuture.allOf(last).join();
        return started.length;
    }
}
