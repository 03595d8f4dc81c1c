package org.surrogate.console;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.surrogate.repository.RebuildReport;
import org.surrogate.repository.RunRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code surrogate index rebuild}: rebuilds the search index from the run directories. */
@Command(name = "index", description = "Maintains the results index.")
final class IndexCommand {

    @Spec
    private CommandSpec spec;

    @Command(name = "rebuild", description = {"Deletes the search index and rebuilds it from the run directories.",
        "Corrupt run directories are reported and skipped. The server must not be running on the same data."})
    int rebuild(@Option(names = "--data", paramLabel = "DIR", defaultValue = "./data",
            description = "The data folder (default: ${DEFAULT-VALUE}).") Path data) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (RunRepository repo = Cli.open(data)) {
            RebuildReport r = repo.rebuildIndex();
            out.println("indexed " + r.indexed() + " runs in " + r.millis() + " ms; " + r.problems().size()
                    + " skipped");
            r.problems().forEach(p -> out.println("  skipped: " + p));
        }
        out.flush();
        return 0;
    }
}
