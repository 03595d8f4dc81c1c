package org.surrogate.bundles.loaders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.surrogate.bundles.loaders.LoaderTesting.load;
import static org.surrogate.bundles.loaders.LoaderTesting.rows;
import static org.surrogate.bundles.loaders.LoaderTesting.write;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.surrogate.api.data.Dataset;

class LastFmHetrecSourceTest {

    private static final String FIXTURE = """
            userID\tartistID\tweight
            2\t51\t13883
            2\t52\t11690
            3\t51\t228
            4\t89\t1
            """;

    private final LastFmHetrecSource source = new LastFmHetrecSource();

    @TempDir
    Path dir;

    private String error(String content) throws IOException {
        Path file = write(dir, "user_artists.dat", content);
        return assertThrows(MalformedFileException.class, () -> load(source, file)).getMessage();
    }

    @Test
    void readsWeightsAsValuesWithoutTimestampsInFileOrder() throws IOException {
        Dataset d = load(source, write(dir, "user_artists.dat", FIXTURE.replace("2\t51\t13883\n2\t52\t11690\n",
                "2\t52\t11690\n2\t51\t13883\n")));
        assertFalse(d.hasTimestamps());
        assertEquals(List.of("2 52 11690", "2 51 13883", "3 51 228", "4 89 1"), rows(d));
        assertEquals(3, d.numItems());
    }

    @Test
    void sumsTheWeightsOfARepeatedPairWhenAsked() throws IOException {
        Path file = write(dir, "user_artists.dat", FIXTURE + "2\t51\t17\n");
        // Without timestamps a user's interactions are in file order; the kept one is where the last was.
        assertEquals(List.of("2 52 11690", "2 51 13900", "3 51 228", "4 89 1"),
                rows(load(source, file, "duplicates", "sum")));
        assertEquals(List.of("2 52 11690", "2 51 17", "3 51 228", "4 89 1"), rows(load(source, file)));
        assertEquals("user_artists.dat:6: user '2' and item '51' repeat line 2; duplicates 'error' refuses repeated "
                        + "pairs: choose keep-all, keep-last or sum",
                assertThrows(MalformedFileException.class, () -> load(source, file, "duplicates", "error"))
                        .getMessage());
    }

    @Test
    void implicitThresholdOnWeights() throws IOException {
        assertEquals(List.of("2 51 1", "2 52 1", "3 51 1"),
                rows(load(source, write(dir, "user_artists.dat", FIXTURE), "implicitThreshold", 100)));
    }

    @Test
    void reportsMalformedLinesAndUnknownColumns() throws IOException {
        assertEquals("user_artists.dat:1: no column 'artistID' in the header; its columns are: userID, artist, weight",
                error("userID\tartist\tweight\n2\t51\t13883\n"));
        assertEquals("user_artists.dat:3: column 'weight': expected a number, found 'many'",
                error("userID\tartistID\tweight\n2\t51\t13883\n2\t52\tmany\n"));
        assertEquals("user_artists.dat:2: expected 3 fields separated by tab (as in the header), found 1",
                error("userID\tartistID\tweight\n2 51 13883\n"));
        assertEquals("user_artists.dat: the file is empty", error(""));
    }
}
