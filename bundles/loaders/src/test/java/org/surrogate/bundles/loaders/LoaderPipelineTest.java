package org.surrogate.bundles.loaders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.surrogate.bundles.loaders.LoaderTesting.load;
import static org.surrogate.bundles.loaders.LoaderTesting.rows;
import static org.surrogate.bundles.loaders.LoaderTesting.write;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetSource;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.run.TrialCancelledException;
import org.surrogate.testkit.RecordingRunContext;

/** What every loader shares: parameters, filters, progress, cancellation, encoding. */
class LoaderPipelineTest {

    private static final List<DatasetSource> ALL = List.of(new MovieLens100kSource(), new MovieLensDatSource(),
            new MovieLensCsvSource(), new AmazonSequenceSource(), new DigineticaSource(), new LastFmHetrecSource(),
            new CsvSource());

    @TempDir
    Path dir;

    @Test
    void everyLoaderIsADatasetSourceWithAUniqueIdAndTheSharedParameters() {
        Set<String> ids = new HashSet<>();
        for (DatasetSource s : ALL) {
            assertEquals(PluginKind.DATASET_SOURCE, s.descriptor().kind());
            assertTrue(ids.add(s.descriptor().id()), s.descriptor().id());
            List<String> names = s.descriptor().params().params().stream().map(ParamSpec::name).toList();
            assertEquals("path", names.get(0));
            assertEquals(List.of("name", "duplicates", "implicitThreshold", "minUserInteractions",
                    "minItemInteractions", "kCore"), names.subList(names.size() - 6, names.size()));
        }
        assertEquals(Set.of("movielens-100k", "movielens-dat", "movielens-csv", "amazon-seq", "diginetica",
                "lastfm-hetrec", "csv"), ids);
    }

    @Test
    void refusesNegativeCountsAndUnknownPolicies() {
        DatasetSource s = new MovieLens100kSource();
        InvalidParamsException e = assertThrows(InvalidParamsException.class, () -> load(s, dir.resolve("u.data"),
                "kCore", -1, "minUserInteractions", -2, "duplicates", "first"));
        assertEquals(List.of("duplicates: expected one of keep-all, keep-last, sum, error, found 'first'",
                "minUserInteractions: expected an integer >= 0, found -2", "kCore: expected an integer >= 0, found -1"),
                e.problems());
    }

    @Test
    void kCoreThroughTheLoaderReachesTheFixedPoint() throws IOException {
        // u1: i1 i2; u2: i1 i2; u3: i2 i3; u4: i3. One pass of minimum counts 2 drops u4 only; the 2-core
        // then drops i3, then u3.
        Path file = write(dir, "u.data", "1\t1\t5\t1\n1\t2\t5\t2\n2\t1\t5\t3\n2\t2\t5\t4\n3\t2\t5\t5\n3\t3\t5\t6\n"
                + "4\t3\t5\t7\n");
        DatasetSource s = new MovieLens100kSource();
        assertEquals(List.of("1 1 5 1", "1 2 5 2", "2 1 5 3", "2 2 5 4", "3 2 5 5", "3 3 5 6"),
                rows(load(s, file, "minUserInteractions", 2, "minItemInteractions", 2)));
        Dataset core = load(s, file, "kCore", 2);
        assertEquals(List.of("1 1 5 1", "1 2 5 2", "2 1 5 3", "2 2 5 4"), rows(core));
        assertEquals(2, core.numUsers());
        assertEquals(2, core.numItems());
    }

    @Test
    void reportsProgressByBytesAndLogsASummary() throws IOException {
        Path file = dir.resolve("u.data");
        writeLines(file, 250_000);
        RecordingRunContext ctx = new RecordingRunContext(1);
        Dataset d = load(new MovieLens100kSource(), ctx, file);
        assertEquals(250_000, d.size());
        assertEquals("reading u.data: 100000 lines", ctx.messages.get(0));
        assertEquals("reading u.data: 200000 lines", ctx.messages.get(1));
        assertTrue(ctx.progress.get(0) > 0.2 && ctx.progress.get(0) < ctx.progress.get(1) && ctx.progress.get(1) <= 0.9,
                ctx.progress.toString());
        assertEquals(1.0, ctx.progress.get(ctx.progress.size() - 1));
        assertTrue(ctx.logs.get(0).startsWith("INFO movielens-100k: read 250000 interactions (1000 users, 250 items) "
                + "from " + file + "; duplicates keep-last; filters none; kept 250000"), ctx.logs.get(0));
    }

    @Test
    void stopsWhenTheTrialIsCancelled() throws IOException {
        Path file = dir.resolve("u.data");
        writeLines(file, 150_000);
        RecordingRunContext ctx = new RecordingRunContext(1);
        ctx.cancelled = true;
        assertThrows(TrialCancelledException.class, () -> load(new MovieLens100kSource(), ctx, file));
        assertTrue(ctx.messages.isEmpty(), "cancelled at the first check, before any progress");
    }

    @Test
    void refusesTextThatIsNotUtf8NamingTheLine() throws IOException {
        Path file = dir.resolve("latin1.csv");
        // "Mis\u00e9" in Latin-1 on line 3: the byte E9 alone is not UTF-8.
        Files.write(file, new byte[] {'u', ',', 'i', '\n', 'a', ',', 'b', '\n', 'M', 'i', 's', (byte) 0xE9, ',', 'x',
            '\n'});
        assertEquals("latin1.csv:3: not valid UTF-8 text; convert the file to UTF-8",
                assertThrows(MalformedFileException.class, () -> load(new CsvSource(), file, "userColumn", "u",
                        "itemColumn", "i")).getMessage());
    }

    /** Writes n ratings of 1000 users and n / 1000 items, no repeated pair. */
    private static void writeLines(Path file, int n) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (int k = 0; k < n; k++) {
                w.write((k % 1000) + "\t" + (k / 1000) + "\t" + (1 + k % 5) + "\t" + k + "\n");
            }
        }
    }
}
