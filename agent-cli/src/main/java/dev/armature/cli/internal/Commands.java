package dev.armature.cli.internal;

import dev.armature.api.ArmatureException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ParseResult;

/**
 * Internal: assembles the command tree and maps failures to exit codes — 1 for invalid input (an
 * {@link ArmatureException}, whose message never holds a secret, or an I/O failure), 2 for usage
 * errors (picocli's own).
 */
public final class Commands {
    static final int EXIT_OK = 0;
    static final int EXIT_INVALID_INPUT = 1;

    private Commands() {}

    /** Builds the command line of {@code armature}. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine commandLine = new CommandLine(RootCommand.class, new ContextFactory(context));
        commandLine.setExecutionExceptionHandler(new InvalidInputHandler());
        return commandLine;
    }

    /** Reports invalid input as one line on standard error, without a stack trace. */
    private static final class InvalidInputHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult)
                throws Exception {
            if (e instanceof ArmatureException || e instanceof UncheckedIOException) {
                commandLine.getErr().println("armature: " + e.getMessage());
                return EXIT_INVALID_INPUT;
            }
            throw e;
        }
    }

    /** Gives commands that take a {@link CliContext} theirs; picocli creates everything else. */
    private static final class ContextFactory implements IFactory {
        private final CliContext context;
        private final IFactory fallback = CommandLine.defaultFactory();

        ContextFactory(CliContext context) {
            this.context = context;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(CliContext.class).newInstance(context);
            } catch (NoSuchMethodException e) {
                return fallback.create(type);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }
}
