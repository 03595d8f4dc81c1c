package org.surrogate.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsRunsAndCurvesAtomically() throws Exception {
        RunStore store = new RunStore(dir.resolve("runs"));
        RunRecord r1 = Runs.six().get(0);
        store.write(r1);
        store.write(r1.withStatus(RunStatus.FAILED, "out of memory"));
        RunRecord back = store.read("r1").orElseThrow();
        assertEquals(r1.withStatus(RunStatus.FAILED, "out of memory"), back);
        assertEquals(64, back.params().get("als.factors"));
        assertEquals(Runs.T0.plusSeconds(86_400), back.created());

        store.writeCurves("r1", Runs.curve("ndcg@10", 0.1, 0.3, 0.35));
        List<double[]> points = store.readCurves("r1").get("ndcg@10");
        assertEquals(3, points.size());
        assertArrayEquals(new double[] {3, 0.35}, points.get(2));

        try (Stream<Path> files = Files.list(store.dir("r1"))) {
            assertEquals(List.of("metrics.json", "run.json"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(store.read("nope").isEmpty());
        assertEquals(Map.of(), store.readCurves("nope"));
    }

    @Test
    void reportsAndSkipsCorruptRunFiles() throws Exception {
        RunStore store = new RunStore(dir.resolve("runs"));
        Runs.six().forEach(store::write);
        Path bad = store.dir("r2").resolve("run.json");
        Files.writeString(bad, "{\"id\": \"r2\", \"status\": ");
        Files.writeString(store.dir("r3").resolve("run.json"), "{\"id\": \"r3\", \"status\": \"DONE\"}");
        Files.createDirectories(store.dir("empty"));

        List<String> problems = new ArrayList<>();
        List<String> ids = store.scan(problems::add).map(RunRecord::id).toList();

        assertEquals(List.of("r1", "r4", "r5", "r6"), ids);
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(store.dir("empty").resolve("run.json") + ": missing"), problems.get(0));
        assertTrue(problems.get(1).startsWith(bad + ": Unexpected end-of-input"), problems.get(1));
        assertTrue(problems.get(1).contains("(line 1, column "), problems.get(1));
        assertTrue(problems.get(2).contains("not one of the values accepted for Enum class"), problems.get(2));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> store.read("r2"));
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
    }

    @Test
    void refusesUnsafeRunIds() {
        RunStore store = new RunStore(dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.dir("../etc"));
        assertEquals("run id '../etc' contains a path separator; a run id must be a safe file name "
                + "(letters, digits, '-', '_', '.')", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> store.dir(".."));
        assertEquals("run id '..' contains '..'; a run id must be a safe file name (letters, digits, '-', '_', '.')",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RunRecord.builder("a/b").build());
        assertEquals(dir.toAbsolutePath().resolve("exp1-t0001"), store.dir("exp1-t0001"));
    }

    @Test
    void refusesRunFileInTheWrongDirectory() throws Exception {
        RunStore store = new RunStore(dir);
        store.write(Runs.six().get(0));
        Files.createDirectories(store.dir("copy"));
        Files.copy(store.dir("r1").resolve("run.json"), store.dir("copy").resolve("run.json"));
        List<String> problems = new ArrayList<>();
        assertEquals(1, store.scan(problems::add).count());
        assertEquals(List.of(store.dir("copy").resolve("run.json") + ": holds run id 'r1' but lies in directory "
                + "'copy'; rename the directory or fix the id; run skipped"), problems);
    }
}
