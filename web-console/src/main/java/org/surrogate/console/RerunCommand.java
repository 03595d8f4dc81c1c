package org.surrogate.console;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.surrogate.framework.SurrogateHost;
import org.surrogate.framework.engine.ExperimentState;
import org.surrogate.framework.engine.ExperimentStatus;
import org.surrogate.framework.plugins.PluginInfo;
import org.surrogate.framework.trials.TrialRequest;
import org.surrogate.repository.Comparison;
import org.surrogate.repository.PluginUse;
import org.surrogate.repository.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code surrogate rerun RUN_ID}: runs a recorded run again with the same spec, plugin versions
 * and seed, and compares the two. Exits 0 when the metrics are identical, 2 when they differ.
 */
@Command(name = "rerun", description = {"Runs a recorded run again (same spec, plugin versions and seed) in this",
    "process and compares the results. Exit code 0: identical metrics; 2: they differ."})
final class RerunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run to repeat.")
    private String runId;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data", description = "The data folder.")
    private Path data;

    @Option(names = "--home", paramLabel = "DIR", description = "The distribution folder (as for serve).")
    private Path home;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = "${sys:user.name}", description = "Who reruns it.")
    private String user;

    @Option(names = "--allow-other-versions",
            description = "Run even when an installed plugin's version differs from the recorded one.")
    private boolean allowOtherVersions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (SurrogateHost host = LocalHost.start(home, data)) {
            RunRecord original = host.runs().get(runId).orElseThrow(() -> new IllegalArgumentException(
                    "no run '" + runId + "' in " + data.resolve("runs")));
            List<String> problems = new ArrayList<>();
            for (PluginUse u : original.plugins()) {
                String installed = host.plugins().find(u.id()).map(PluginInfo::version).orElse(null);
                if (!Objects.equals(installed, u.version())) {
                    problems.add("plugin '" + u.id() + "' ran in version " + u.version() + ", installed: "
                            + (installed == null ? "none" : installed));
                }
            }
            if (!problems.isEmpty() && !allowOtherVersions) {
                throw new IllegalStateException("cannot rerun " + runId + " exactly: " + String.join("; ", problems)
                        + ". Install the recorded versions, or pass --allow-other-versions");
            }
            problems.forEach(p -> err.println("warning: " + p));
            TrialRequest request = Cli.JSON.convertValue(original.spec(), TrialRequest.class);
            String specText = Cli.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(original.spec());
            ExperimentStatus s = host.scheduler().submitTrials("rerun of " + runId, specText, List.of(request), user,
                    runId);
            String id = s.info().id();
            String newRun = id + "-00000";
            err.println("rerunning " + runId + " as " + newRun);
            RunCommand.Progress bar = new RunCommand.Progress(err, 1);
            while (true) {
                ExperimentStatus now = host.scheduler().experiment(id).orElseThrow();
                double p = host.scheduler().trial(newRun).map(t -> t.progress()).orElse(0.0);
                bar.show(now.state() == ExperimentState.FINISHED ? 1 : 0, p, 1);
                if (now.state() == ExperimentState.FINISHED || now.state() == ExperimentState.CANCELLED) {
                    bar.end();
                    break;
                }
                Thread.sleep(250);
            }
            Comparison c = host.runs().compare(List.of(runId, newRun));
            boolean same = true;
            out.println("field\t" + runId + "\t" + newRun);
            for (Comparison.Row row : c.differing()) {
                out.println(row.field() + "\t" + row.values().get(0) + "\t" + row.values().get(1));
                if (row.field().startsWith("metric") || row.field().startsWith("status")) {
                    same = false;
                }
            }
            if (c.fingerprintsDiffer()) {
                out.println("WARNING: the protocol fingerprints differ");
                same = false;
            }
            out.println(same ? "identical metrics: the run reproduces" : "the results DIFFER");
            out.flush();
            return same ? 0 : 2;
        }
    }
}
