package dev.armature.samples.host;

import dev.armature.api.resilience.CircuitState;
import dev.armature.spi.incident.Runbook;
import dev.armature.spi.incident.RunbookAction;
import dev.armature.spi.incident.RunbookCheck;
import dev.armature.spi.incident.RunbookContext;
import dev.armature.spi.incident.RunbookStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The host's runbook for an outage of the model, bound to the incidents of the guard {@value
 * ModelGateway#GUARD}: it checks that the circuit really is open, then leaves a notice in the
 * workspace so that whoever reads the agent's work knows its answers are stale (and takes the notice
 * away again if writing it fails half-way).
 */
final class ModelOutageRunbook {
    /** The runbook's name. */
    static final String NAME = "model-outage";

    /** The notice's file name in the workspace. */
    static final String NOTICE = "MODEL-OUTAGE.md";

    private ModelOutageRunbook() {}

    static Runbook of(Workspace workspace) {
        return Runbook.builder(NAME)
                .forGuard(ModelGateway.GUARD)
                .step(RunbookStep.check("circuit-not-closed", context -> {
                    CircuitState state =
                            context.system().guard(ModelGateway.GUARD).circuitState();
                    return state == CircuitState.CLOSED
                            ? RunbookCheck.Result.failed("the circuit is closed again; nothing to do")
                            : RunbookCheck.Result.passed("the circuit is " + state);
                }))
                .step(RunbookStep.action("post-outage-notice", new Notice(workspace))
                        .withTimeout(Duration.ofSeconds(10)))
                .build();
    }

    /** Writes the notice; writing it twice writes the same file, so the action is idempotent. */
    private record Notice(Workspace workspace) implements RunbookAction {
        @Override
        public String run(RunbookContext context) throws IOException {
            Path file = workspace.root().resolve(NOTICE);
            Files.writeString(
                    file,
                    "The model is unavailable (" + context.incident().id() + "); answers may be stale.\n",
                    StandardCharsets.UTF_8);
            return "wrote " + NOTICE + " in the workspace";
        }

        @Override
        public String describe(RunbookContext context) {
            return "write " + NOTICE + " in the workspace";
        }

        @Override
        public Optional<RunbookAction> rollback() {
            return Optional.of(new RunbookAction() {
                @Override
                public String run(RunbookContext context) {
                    try {
                        Files.deleteIfExists(workspace.root().resolve(NOTICE));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return "removed " + NOTICE;
                }

                @Override
                public String describe(RunbookContext context) {
                    return "remove " + NOTICE + " from the workspace";
                }
            });
        }
    }
}
