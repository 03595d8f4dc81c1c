package org.surrogate.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.surrogate.framework.SurrogateHost;
import org.surrogate.framework.engine.ExperimentStatus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code surrogate demo}: runs the demo experiment (the one a new server queues on an empty data
 * folder) in this process and prints its results table.
 */
@Command(name = "demo", description = {"Runs the demo experiment in this process and prints its results: would",
    "five recommenders rank the same on a fitted synthetic twin as on the 'real' data (itself made by the",
    "known-preference generator)? Ranking fidelity, 3 seeds, well under two minutes on 2 cores."})
final class DemoCommand implements Callable<Integer> {

    /** The demo spec, a resource of this module. */
    static final String SPEC = "demo.yaml";

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data",
            description = "The data folder (default: ${DEFAULT-VALUE}).")
    private Path data;

    @Option(names = "--home", paramLabel = "DIR", description = "The distribution folder (as for serve).")
    private Path home;

    /**
     * The demo spec's text.
     *
     * @return the YAML
     */
    static String specText() {
        try (InputStream in = DemoCommand.class.getResourceAsStream(SPEC)) {
            if (in == null) {
                throw new IllegalStateException("the demo spec " + SPEC + " is missing from the distribution");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the demo spec: " + e.getMessage(), e);
        }
    }

    /**
     * Whether a data folder has never run an experiment.
     *
     * @param data the data folder
     * @return true when it has no experiment records
     */
    static boolean isFresh(Path data) {
        Path experiments = data.resolve("experiments");
        if (!Files.isDirectory(experiments)) {
            return true;
        }
        try (Stream<Path> s = Files.list(experiments)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Queues the demo on a server's scheduler, as user admin.
     *
     * @param host the host
     * @param err  where to say so
     */
    static void queue(SurrogateHost host, PrintWriter err) {
        try {
            ExperimentStatus s = host.scheduler().submit(specText(), SPEC, "admin");
            err.println("Queued the demo experiment " + s.info().id() + " (" + s.info().trialCount()
                    + " trials; --no-demo turns this off): find its results with GET /api/v1/runs?q=tag:demo");
        } catch (RuntimeException e) {
            err.println("warning: the demo experiment could not be queued: " + e.getMessage());
        }
        err.flush();
    }

    @Override
    public Integer call() throws Exception {
        Path file = Files.createTempFile("surrogate-demo", ".yaml");
        try {
            Files.writeString(file, specText());
            List<String> args = new ArrayList<>(List.of("run", file.toString(), "--data", data.toString()));
            if (home != null) {
                args.add("--home");
                args.add(home.toString());
            }
            CommandLine cl = Main.commandLine();
            cl.setOut(spec.commandLine().getOut());
            cl.setErr(spec.commandLine().getErr());
            return cl.execute(args.toArray(String[]::new));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
