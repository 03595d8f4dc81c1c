package org.surrogate.bundles.loaders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.surrogate.bundles.loaders.LoaderTesting.counts;
import static org.surrogate.bundles.loaders.LoaderTesting.load;
import static org.surrogate.bundles.loaders.LoaderTesting.rows;
import static org.surrogate.bundles.loaders.LoaderTesting.write;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.surrogate.api.data.Dataset;

class AmazonSequenceSourceTest {

    private static final String FIXTURE = "1 1 2 3 4 5\n2 6 7 8 9 10 4 11\n3 4 12 4 3\n";

    private final AmazonSequenceSource source = new AmazonSequenceSource();

    @TempDir
    Path dir;

    private String error(String content) throws IOException {
        Path file = write(dir, "Beauty.txt", content);
        return assertThrows(MalformedFileException.class, () -> load(source, file)).getMessage();
    }

    @Test
    void usesPositionsAsTimestampsSoSequencesKeepTheirOrder() throws IOException {
        Dataset d = load(source, write(dir, "Beauty.txt", FIXTURE));
        assertEquals(List.of("1 1 1 0", "1 2 1 1", "1 3 1 2", "1 4 1 3", "1 5 1 4",
                "2 6 1 0", "2 7 1 1", "2 8 1 2", "2 9 1 3", "2 10 1 4", "2 4 1 5", "2 11 1 6",
                "3 4 1 0", "3 12 1 1", "3 4 1 2", "3 3 1 3"), rows(d));
        assertEquals(3, d.numUsers());
        assertEquals(12, d.numItems());
        assertEquals("keep-all", source.descriptor().params().params().stream()
                .filter(p -> p.name().equals("duplicates")).findFirst().orElseThrow().defaultValue());
    }

    @Test
    void acceptsTabsAndRunsOfSpaces() throws IOException {
        assertEquals(List.of("7 3 1 0", "7 1 1 1"), rows(load(source, write(dir, "Beauty.txt", "7  3\t1 \n"))));
    }

    @Test
    void reportsMalformedLinesWithFileAndLine() throws IOException {
        assertEquals("Beauty.txt:2: item at position 1: expected a non-negative integer id, found 'x'",
                error("1 1 2\n2 6 x 8\n"));
        assertEquals("Beauty.txt:1: user id: expected a non-negative integer id, found '-1'", error("-1 1 2\n"));
        assertEquals("Beauty.txt:3: user '1' already has a sequence on line 1; the format has one line per user",
                error("1 1 2\n2 3\n1 4\n"));
        assertEquals("Beauty.txt: the file is empty", error("\n"));
    }

    @Test
    void errorPolicyNamesAnItemRepeatedOnOneLine() throws IOException {
        Path file = write(dir, "Beauty.txt", FIXTURE);
        assertEquals("Beauty.txt:3: user '3' has item '4' twice on this line; duplicates 'error' refuses repeated "
                        + "pairs: choose keep-all, keep-last or sum",
                assertThrows(MalformedFileException.class, () -> load(source, file, "duplicates", "error"))
                        .getMessage());
        // keep-last keeps the later position of item 4.
        assertEquals(List.of("3 12 1 1", "3 4 1 2", "3 3 1 3"),
                rows(load(source, file, "duplicates", "keep-last")).subList(12, 15));
    }

    @Test
    void kCoreOnSequences() throws IOException {
        // Counts are interactions: item 4 has 4 (users 1, 2 and 3 twice), item 3 has 2, the others 1.
        // 2-core: the single items go, then user 2 (only item 4 left); items 3 and 4 stay with users 1 and 3.
        Dataset d = load(source, write(dir, "Beauty.txt", FIXTURE), "kCore", 2);
        assertEquals(List.of("1 3 1 2", "1 4 1 3", "3 4 1 0", "3 4 1 2", "3 3 1 3"), rows(d));
    }

    @Test
    void loadsTheRealBeautySequences() throws IOException {
        Path file = LoaderTesting.realFile("amazon-s3rec-seq", "Beauty.txt");
        Dataset d = LoaderTesting.timedLoad(source, file);
        assertArrayEquals(new int[] {198_502, 22_363, 12_101}, counts(d));
        assertEquals("amazon-s3rec-seq/Beauty.txt", d.name());
        int minLength = Integer.MAX_VALUE;
        for (int u = 0; u < d.numUsers(); u++) {
            minLength = Math.min(minLength, d.degree(u));
            for (int i = d.begin(u); i < d.end(u); i++) {
                assertEquals(i - d.begin(u), d.timestamp(i), "positions are timestamps");
            }
        }
        assertEquals(5, minLength);
        assertFalse(d.userId(0).isEmpty());
        // The file is a 5-core already; the 10-core was counted by a separate Python script.
        assertArrayEquals(new int[] {198_502, 22_363, 12_101}, counts(LoaderTesting.load(source, file, "kCore", 5)));
        assertArrayEquals(new int[] {28_798, 1_340, 733}, counts(LoaderTesting.load(source, file, "kCore", 10)));
    }
}
