package dev.armature.core.internal.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.resilience.Classification;
import dev.armature.api.resilience.ErrorClass;
import dev.armature.api.resilience.GuardRejectedException;
import dev.armature.api.resilience.GuardTimeoutException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ErrorClassifiersTest {
    private final ErrorClassifiers builtIns = ErrorClassifiers.of(List.of());

    @Test
    void network_timeouts_and_refused_connections_are_transient() {
        assertThat(builtIns.classify(new SocketTimeoutException()).errorClass()).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(builtIns.classify(new ConnectException()).errorClass()).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(builtIns.classify(new TimeoutException()).errorClass()).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(builtIns.classify(new GuardTimeoutException("g", Duration.ofSeconds(1)))
                        .errorClass())
                .isEqualTo(ErrorClass.TRANSIENT);
    }

    @Test
    void programming_and_security_errors_are_permanent() {
        assertThat(builtIns.classify(new IllegalArgumentException()).errorClass())
                .isEqualTo(ErrorClass.PERMANENT);
        assertThat(builtIns.classify(new NullPointerException()).errorClass()).isEqualTo(ErrorClass.PERMANENT);
        assertThat(builtIns.classify(new UnsupportedOperationException()).errorClass())
                .isEqualTo(ErrorClass.PERMANENT);
        assertThat(builtIns.classify(new SecurityException()).errorClass()).isEqualTo(ErrorClass.PERMANENT);
    }

    @Test
    void causes_are_walked_outermost_first() {
        assertThat(builtIns.classify(new ExecutionException(new IllegalArgumentException("bad")))
                        .errorClass())
                .isEqualTo(ErrorClass.PERMANENT);
        assertThat(builtIns.classify(new UncheckedIOException(new SocketTimeoutException()))
                        .errorClass())
                .isEqualTo(ErrorClass.TRANSIENT);
    }

    @Test
    void an_unclassified_failure_is_transient() {
        assertThat(builtIns.classify(new IOException("?"))).isEqualTo(Classification.transientFailure());
        assertThat(builtIns.classify(new IllegalStateException("?"))).isEqualTo(Classification.transientFailure());
    }

    @Test
    void a_hosts_rule_is_asked_before_the_built_in_ones() {
        ErrorClassifiers chain = ErrorClassifiers.of(List.of(
                t -> t instanceof IllegalArgumentException ? Optional.of(Classification.ignored()) : Optional.empty()));
        assertThat(chain.classify(new IllegalArgumentException()).errorClass()).isEqualTo(ErrorClass.IGNORED);
        assertThat(chain.classify(new NullPointerException()).errorClass()).isEqualTo(ErrorClass.PERMANENT);
    }

    @Test
    void an_inner_guards_refusal_with_a_retry_after_is_a_throttle() {
        GuardRejectedException r = new GuardRejectedException(
                "inner", GuardRejectedException.Reason.CIRCUIT_OPEN, Duration.ofSeconds(5), "open");
        assertThat(builtIns.classify(r)).isEqualTo(Classification.throttled(Duration.ofSeconds(5)));
    }

    @Test
    void a_cause_loop_ends() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(builtIns.classify(a).errorClass()).isEqualTo(ErrorClass.TRANSIENT);
    }

    @Test
    void a_rule_that_throws_is_passed_over() {
        ErrorClassifiers chain = ErrorClassifiers.of(List.of(t -> {
            throw new IllegalStateException("buggy rule");
        }));
        assertThat(chain.classify(new IllegalArgumentException()).errorClass()).isEqualTo(ErrorClass.PERMANENT);
    }
}
