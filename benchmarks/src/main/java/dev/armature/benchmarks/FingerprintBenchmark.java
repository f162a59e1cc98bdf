package dev.armature.benchmarks;

import dev.armature.api.resilience.Fingerprint;
import dev.armature.api.resilience.FingerprintExplanation;
import dev.armature.core.internal.errors.Fingerprinter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fingerprinting an error, in nanoseconds per error. The error is built once per trial with
 * synthetic frames, as a web-served agent host meets it: an {@code IllegalStateException} caused by
 * an {@code UncheckedIOException} caused by a {@code SocketTimeoutException} (two causes), each with {@value
 * #FRAMES} frames — JDK frames on top, then the host's own code through lambdas, a Spring CGLIB
 * proxy and reflection, then framework frames down to {@code Thread.run}.
 *
 * <ul>
 *   <li>{@code fingerprint}: {@code system.errors().fingerprint(error)}'s work, no in-app packages
 *       configured (every frame outside the JDK, languages and test tools counts);
 *   <li>{@code fingerprintInAppPackages}: the same with {@code armature.errors.in-app-packages} set
 *       to the host's package, so that framework frames are passed over too;
 *   <li>{@code explain}: the explanation, which {@code record} computes once per new fingerprint;
 *   <li>{@code stackTraceHashCode}, the baseline: {@code Arrays.toString(getStackTrace()).hashCode()}
 *       of the outer exception, the naive grouping key (line numbers and generated names included).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FingerprintBenchmark {
    /** Frames of each exception of the chain. */
    static final int FRAMES = 40;
    /** The host's package in the synthetic frames. */
    static final String HOST_PACKAGE = "com.example.agent";

    final Throwable error = error();
    final Fingerprinter everyFrame = Fingerprinter.create(List.of());
    final Fingerprinter hostFrames = Fingerprinter.create(List.of(HOST_PACKAGE));

    @Benchmark
    public Fingerprint fingerprint() {
        return everyFrame.fingerprint(error);
    }

    @Benchmark
    public Fingerprint fingerprintInAppPackages() {
        return hostFrames.fingerprint(error);
    }

    @Benchmark
    public FingerprintExplanation explain() {
        return everyFrame.explain(error);
    }

    @Benchmark
    public int stackTraceHashCode() {
        return Arrays.toString(error.getStackTrace()).hashCode();
    }

    /** The three-exception chain, each exception with {@value #FRAMES} frames. */
    static Throwable error() {
        java.net.SocketTimeoutException timeout = new java.net.SocketTimeoutException("Read timed out after 30000ms");
        timeout.setStackTrace(frames(
                "java.net.SocketInputStream#socketRead0",
                "java.net.SocketInputStream#read",
                "sun.security.ssl.SSLSocketInputRecord#read",
                "okhttp3.internal.http1.Http1ExchangeCodec#readResponseHeaders",
                "okhttp3.internal.connection.Exchange#readResponseHeaders",
                HOST_PACKAGE + ".model.HttpModelClient#send"));
        Throwable io = new java.io.UncheckedIOException("POST https://models.example.com/v1/chat failed", timeout);
        io.setStackTrace(
                frames(HOST_PACKAGE + ".model.HttpModelClient#send", HOST_PACKAGE + ".model.HttpModelClient#chat"));
        Throwable outer = new IllegalStateException("model call 7f1c6a2e-5b1d-4c1a-9e2f-0123456789ab failed", io);
        outer.setStackTrace(frames(
                "java.util.concurrent.FutureTask#report",
                "java.util.concurrent.FutureTask#get",
                HOST_PACKAGE + ".model.ModelGateway#lambda$ask$3"));
        return outer;
    }

    /** The given frames on top, then the host's code and a framework down to {@value #FRAMES} frames. */
    private static StackTraceElement[] frames(String... top) {
        List<String> all = new ArrayList<>(Arrays.asList(top));
        List<String> below = List.of(
                HOST_PACKAGE + ".model.ModelGateway$$Lambda$212/0x0000000800c01234#get",
                HOST_PACKAGE + ".resilience.Retrying#call",
                HOST_PACKAGE + ".model.ModelGateway#ask",
                HOST_PACKAGE + ".agent.Planner#lambda$plan$0",
                "java.util.stream.ReferencePipeline$3$1#accept",
                "java.util.ArrayList$ArrayListSpliterator#forEachRemaining",
                "java.util.stream.AbstractPipeline#copyInto",
                "java.util.stream.ReduceOps$ReduceOp#evaluateSequential",
                "java.util.stream.ReferencePipeline#collect",
                HOST_PACKAGE + ".agent.Planner#plan",
                HOST_PACKAGE + ".agent.Planner$$SpringCGLIB$$0#plan",
                "jdk.internal.reflect.GeneratedMethodAccessor57#invoke",
                "jdk.internal.reflect.DelegatingMethodAccessorImpl#invoke",
                "java.lang.reflect.Method#invoke",
                "org.springframework.aop.support.AopUtils#invokeJoinpointUsingReflection",
                "org.springframework.aop.framework.ReflectiveMethodInvocation#invokeJoinpoint",
                "org.springframework.aop.framework.ReflectiveMethodInvocation#proceed",
                HOST_PACKAGE + ".agent.AgentLoop#step",
                HOST_PACKAGE + ".agent.AgentLoop#run",
                HOST_PACKAGE + ".web.TaskController#submit",
                "org.springframework.web.method.support.InvocableHandlerMethod#doInvoke",
                "org.springframework.web.servlet.DispatcherServlet#doDispatch",
                "org.springframework.web.servlet.FrameworkServlet#service",
                "jakarta.servlet.http.HttpServlet#service",
                "org.apache.catalina.core.ApplicationFilterChain#doFilter",
                "org.apache.catalina.core.StandardWrapperValve#invoke",
                "org.apache.catalina.connector.CoyoteAdapter#service",
                "org.apache.coyote.http11.Http11Processor#service",
                "org.apache.tomcat.util.net.NioEndpoint$SocketProcessor#doRun",
                "org.apache.tomcat.util.threads.ThreadPoolExecutor#runWorker",
                "org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker#run",
                "org.apache.tomcat.util.threads.TaskThread$WrappingRunnable#run",
                "java.lang.Thread#run");
        // Servlet filters between the framework and the container fill each trace to FRAMES.
        int filters = FRAMES - all.size() - below.size();
        int servlet = below.indexOf("jakarta.servlet.http.HttpServlet#service") + 1;
        all.addAll(below.subList(0, servlet));
        for (int i = 0; i < filters; i++) {
            all.add(
                    i % 2 == 0
                            ? "org.apache.catalina.core.ApplicationFilterChain#internalDoFilter"
                            : "org.springframework.web.filter.OncePerRequestFilter#doFilter");
        }
        all.addAll(below.subList(servlet, below.size()));
        StackTraceElement[] trace = new StackTraceElement[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            String frame = all.get(i);
            int hash = frame.indexOf('#');
            String className = frame.substring(0, hash);
            trace[i] = new StackTraceElement(
                    className,
                    frame.substring(hash + 1),
                    className.substring(className.lastIndexOf('.') + 1) + ".java",
                    40 + i);
        }
        return trace;
    }
}
