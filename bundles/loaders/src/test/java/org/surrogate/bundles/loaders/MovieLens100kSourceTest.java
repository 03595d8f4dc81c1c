package org.surrogate.bundles.loaders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.surrogate.bundles.loaders.LoaderTesting.counts;
import static org.surrogate.bundles.loaders.LoaderTesting.load;
import static org.surrogate.bundles.loaders.LoaderTesting.rows;
import static org.surrogate.bundles.loaders.LoaderTesting.write;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.plugin.PluginKind;

class MovieLens100kSourceTest {

    private static final String FIXTURE = """
            196\t242\t3\t881250949
            186\t302\t3\t891717742
            196\t377\t1\t878887116
            22\t377\t1\t878887116
            186\t242\t5\t800000000
            """;

    private final MovieLens100kSource source = new MovieLens100kSource();

    @TempDir
    Path dir;

    private String error(String content) throws IOException {
        Path file = write(dir, "u.data", content);
        return assertThrows(MalformedFileException.class, () -> load(source, file)).getMessage();
    }

    @Test
    void descriptorIsADatasetSourceWithTheSharedParameters() {
        assertEquals("movielens-100k", source.descriptor().id());
        assertEquals(PluginKind.DATASET_SOURCE, source.descriptor().kind());
        assertEquals(List.of("path", "name", "duplicates", "implicitThreshold", "minUserInteractions",
                "minItemInteractions", "kCore"), source.descriptor().params().params().stream()
                .map(p -> p.name()).toList());
        assertEquals("keep-last", source.descriptor().params().params().get(2).defaultValue());
    }

    @Test
    void readsIdsRatingsAndTimestampsAndOrdersEachUserByTime() throws IOException {
        Dataset d = load(source, write(dir, "u.data", FIXTURE));
        assertEquals(List.of("196 377 1 878887116", "196 242 3 881250949", "186 242 5 800000000",
                "186 302 3 891717742", "22 377 1 878887116"), rows(d));
        assertEquals(3, d.numUsers());
        assertEquals(3, d.numItems());
        assertEquals(dir.getFileName() + "/u.data", d.name());
        assertEquals("ml", load(source, write(dir, "u.data", FIXTURE), "name", "ml").name());
    }

    @Test
    void reportsAWrongNumberOfFieldsWithFileAndLine() throws IOException {
        assertEquals("u.data:2: expected 4 fields separated by tab, found 3", error("1\t2\t3\t4\n196\t242\t3\n"));
        assertEquals("u.data:3: expected 4 fields separated by tab, found 5", error("1\t2\t3\t4\n\n1\t2\t3\t4\t5\n"));
    }

    @Test
    void reportsANonNumericValueNamingTheColumnAndTheText() throws IOException {
        assertEquals("u.data:1: column 'rating': expected a number, found 'x'", error("196\t242\tx\t881250949\n"));
        assertEquals("u.data:2: column 'rating': expected a number, found 'NaN'", error("1\t2\t3\t4\n1\t3\tNaN\t5\n"));
        assertEquals("u.data:1: column 'timestamp': expected an integer, found '12.5'", error("1\t2\t3\t12.5\n"));
        assertEquals("u.data:1: column 'item id': expected a non-negative integer id, found 'abc'",
                error("1\tabc\t3\t12\n"));
    }

    @Test
    void refusesNegativeIds() throws IOException {
        assertEquals("u.data:1: column 'user id': expected a non-negative integer id, found '-5'",
                error("-5\t242\t3\t1\n"));
    }

    @Test
    void saysAnEmptyFileIsEmpty() throws IOException {
        assertEquals("u.data: the file is empty", error(""));
        assertEquals("u.data: the file is empty", error("\n  \n"));
    }

    @Test
    void saysAMissingFileIsMissing() {
        Path missing = dir.resolve("none.data");
        assertEquals(missing + ": no such file; check the 'path' parameter",
                assertThrows(NoSuchFileException.class, () -> load(source, missing)).getMessage());
        assertEquals(dir + ": is a directory; 'path' must name a data file",
                assertThrows(FileSystemException.class, () -> load(source, dir)).getMessage());
    }

    @Test
    void appliesEachDuplicatePolicy() throws IOException {
        Path file = write(dir, "u.data", "1\t10\t4\t100\n1\t10\t2\t50\n1\t10\t5\t100\n1\t11\t3\t70\n");
        assertEquals(List.of("1 11 3 70", "1 10 5 100"), rows(load(source, file)));
        assertEquals(List.of("1 11 3 70", "1 10 11 100"), rows(load(source, file, "duplicates", "sum")));
        assertEquals(List.of("1 10 2 50", "1 11 3 70", "1 10 4 100", "1 10 5 100"),
                rows(load(source, file, "duplicates", "keep-all")));
        assertEquals("u.data:2: user '1' and item '10' repeat line 1; duplicates 'error' refuses repeated pairs: "
                        + "choose keep-all, keep-last or sum",
                assertThrows(MalformedFileException.class, () -> load(source, file, "duplicates", "error"))
                        .getMessage());
    }

    @Test
    void errorPolicyAcceptsAFileWithoutRepeats() throws IOException {
        assertEquals(5, load(source, write(dir, "u.data", FIXTURE), "duplicates", "error").size());
    }

    @Test
    void implicitThresholdKeepsRatingsAtOrAboveItAsOne() throws IOException {
        Path file = write(dir, "u.data", FIXTURE);
        assertEquals(List.of("196 242 1 881250949", "186 242 1 800000000", "186 302 1 891717742"),
                rows(load(source, file, "implicitThreshold", 3)));
        assertEquals(List.of("186 242 1 800000000"), rows(load(source, file, "implicitThreshold", 4.5)));
    }

    @Test
    void minimumCountsDropUsersAndItemsInOnePass() throws IOException {
        Path file = write(dir, "u.data", FIXTURE);
        assertEquals(List.of("196 377 1 878887116", "196 242 3 881250949", "186 242 5 800000000",
                "186 302 3 891717742"), rows(load(source, file, "minUserInteractions", 2)));
        assertEquals(List.of("196 377 1 878887116", "196 242 3 881250949", "186 242 5 800000000",
                "22 377 1 878887116"), rows(load(source, file, "minItemInteractions", 2)));
    }

    @Test
    void refusesFiltersThatLeaveNothing() throws IOException {
        // 2-core: 22 and 302 go, then 186 (one item left), then 377 and 242, then 196.
        Path file = write(dir, "u.data", FIXTURE);
        assertEquals("movielens-100k: the filters (kCore=2) left no interactions of the 5 read from u.data; "
                        + "lower them",
                assertThrows(IllegalArgumentException.class, () -> load(source, file, "kCore", 2)).getMessage());
    }

    @Test
    void loadsTheRealMovieLens100k() throws IOException {
        Path file = LoaderTesting.realFile("ml-100k", "u.data");
        Dataset d = LoaderTesting.timedLoad(source, file);
        assertArrayEquals(new int[] {100_000, 943, 1_682}, counts(d));
        assertEquals(943, d.numUsers());
        assertEquals(1_682, d.numItems());
        assertEquals("ml-100k/u.data", d.name());
        int[] histogram = new int[6];
        for (int i = 0; i < d.size(); i++) {
            histogram[(int) d.value(i)]++;
        }
        assertArrayEquals(new int[] {0, 6110, 11370, 27145, 34174, 21201}, histogram);
        for (int u = 0; u < d.numUsers(); u++) {
            for (int i = d.begin(u) + 1; i < d.end(u); i++) {
                assertTrue(d.timestamp(i - 1) <= d.timestamp(i), "user " + d.userId(u) + " in time order");
            }
        }
        Dataset implicit = LoaderTesting.load(source, file, "implicitThreshold", 4);
        assertEquals(34_174 + 21_201, implicit.size());
    }

    @Test
    void kCoresOfTheRealMovieLens100kMatchAnIndependentCount() throws IOException {
        // Expected values from a separate Python script repeating one-pass filters until nothing changes.
        Path file = LoaderTesting.realFile("ml-100k", "u.data");
        assertArrayEquals(new int[] {99_287, 943, 1_349}, counts(LoaderTesting.load(source, file, "kCore", 5)));
        assertArrayEquals(new int[] {94_443, 917, 937}, counts(LoaderTesting.load(source, file, "kCore", 20)));
        assertArrayEquals(new int[] {69_222, 513, 560}, counts(LoaderTesting.load(source, file, "kCore", 50)));
    }
}
