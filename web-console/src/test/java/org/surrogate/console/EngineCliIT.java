package org.surrogate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The engine's command line in this process, against the real container and built-in plugins:
 * {@code run} a spec, {@code rerun} one of its runs and get identical metrics, {@code search},
 * {@code runs compare|export}, {@code index rebuild}.
 */
class EngineCliIT {

    private static final String SPEC = """
            name: cli-test
            tags: [cli]
            protocol: {plugin: holdout}
            slots:
              data: [{plugin: demo-latent, params: {numUsers: 400, numItems: 200}}]
              split: [{plugin: random-holdout}]
              recommenders: [{plugin: popularity}, {plugin: item-knn, params: {neighbors: 20}}]
              evaluators: [{plugin: ranking-metrics, params: {ks: [10]}}]
            seeds: [1, 2]
            """;

    @TempDir
    Path data;

    private record Result(int code, String out, String err) {
    }

    private Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private List<String> runIds() throws Exception {
        try (Stream<Path> s = Files.list(data.resolve("runs"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void runRerunSearchCompareExportRebuild() throws Exception {
        String dist = Path.of(System.getProperty("surrogate.dist", "target/surrogate")).toAbsolutePath().toString();
        Path spec = data.resolve("cli.yaml");
        Files.writeString(spec, SPEC);

        Result run = cli("run", spec.toString(), "--data", data.toString(), "--home", dist, "--user", "ada");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("item-knn/ndcg@10"), run.out());
        assertTrue(run.out().contains("(2)"), "mean over 2 seeds: " + run.out());
        List<String> ids = runIds();
        assertEquals(2, ids.size());

        Result rerun = cli("rerun", ids.get(0), "--data", data.toString(), "--home", dist);
        assertEquals(0, rerun.code(), rerun.out() + rerun.err());
        assertTrue(rerun.out().contains("identical metrics"), rerun.out());
        assertEquals(3, runIds().size());

        Result search = cli("search", "plugin:item-knn AND user:ada AND tag:cli", "--data", data.toString(),
                "--facet", "status");
        assertEquals(0, search.code(), search.err());
        assertTrue(search.out().startsWith("2 runs match"), search.out());
        Result all = cli("search", "plugin:item-knn", "--data", data.toString());
        assertTrue(all.out().startsWith("3 runs match"), all.out());

        Result compare = cli("runs", "compare", ids.get(0), ids.get(1), "--data", data.toString());
        assertEquals(0, compare.code(), compare.err());
        assertTrue(compare.out().contains("seed\t1\t2"), compare.out());
        assertTrue(!compare.out().contains("WARNING"), "same protocol, other seed: " + compare.out());

        Result csv = cli("runs", "export", ids.get(0), ids.get(1), "--data", data.toString());
        assertEquals(0, csv.code(), csv.err());
        String[] lines = csv.out().split("\r?\n");
        assertEquals(3, lines.length, csv.out());
        assertTrue(lines[0].startsWith("id,"), lines[0]);

        Result rebuild = cli("index", "rebuild", "--data", data.toString());
        assertEquals(0, rebuild.code(), rebuild.err());
        assertTrue(rebuild.out().startsWith("indexed 3 runs"), rebuild.out());
        Result again = cli("search", "plugin:item-knn", "--data", data.toString());
        assertEquals(all.out().lines().skip(1).toList(), again.out().lines().skip(1).toList(),
                "the rebuilt index answers as before");

        Result bad = cli("search", "metric.x:[1 TO", "--data", data.toString());
        assertEquals(1, bad.code());
        assertTrue(!bad.err().isBlank(), "a bad query names the problem");
    }
}
