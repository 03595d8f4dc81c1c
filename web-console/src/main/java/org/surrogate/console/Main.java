package org.surrogate.console;

import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code surrogate} command: {@code serve} runs the server; {@code plugins ...} talks to a
 * running one over HTTP.
 *
 * <pre>{@code
 * surrogate serve --port 8080 --data ./data
 * surrogate plugins list
 * surrogate plugins install my-plugin-1.0.0.jar --sha256 9f86d0...
 * }</pre>
 */
@Command(name = "surrogate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        scope = ScopeType.INHERIT,
        description = {"Surrogate: an experiment server for recommender-system research on synthetic data and user"
            + " simulators, with plugins installed as OSGi bundles.",
            "",
            "Every request to a server needs authentication: the client commands send an API token from"
                + " --token, $SURROGATE_TOKEN, or DATA/secrets/cli-token (written by the server's first start)."},
        subcommands = {ServeCommand.class, PluginsCommand.class, CatalogCommand.class, RunCommand.class, RerunCommand.class, DemoCommand.class,
            SearchCommand.class, RunsCommand.class, IndexCommand.class, HelpCommand.class})
public final class Main implements Runnable {

    @Spec
    private CommandSpec spec;

    /**
     * Runs the command line and exits with its code (0 on success).
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        // One line per log record on stderr (the host and Jersey log through java.util.logging).
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT.%1$tL [%4$s] %3$s - %5$s%6$s%n");
        }
        // Our output (the ready line, tables, JSON) goes to the real stdout; anything else that prints
        // to System.out (SameDiff announces every differentiated op there) goes to stderr.
        java.io.PrintStream stdout = System.out;
        System.setOut(System.err);
        CommandLine cl = commandLine();
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(stdout, java.nio.charset.StandardCharsets.UTF_8),
                true));
        System.exit(cl.execute(args));
    }

    /**
     * The command line, ready to {@link CommandLine#execute execute}: a failure prints its message
     * (and, for an unexpected one, its stack trace) to the command line's error writer and returns 1.
     *
     * @return the command line
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof ClientException || e instanceof IOException || e instanceof IllegalStateException
                    || e instanceof IllegalArgumentException) {
                err.println(e.getMessage());
            } else {
                err.println("error: " + e);
                e.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        return cl;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing a command: serve, plugins or help");
    }

    /** The version shown by {@code --version}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Surrogate " + SurrogateVersion.current()};
        }
    }
}
