package org.surrogate.bundles.loaders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

class MovieLensCsvSourceTest {

    private final MovieLensCsvSource source = new MovieLensCsvSource();

    @TempDir
    Path dir;

    private String error(String content) throws IOException {
        Path file = write(dir, "ratings.csv", content);
        return assertThrows(MalformedFileException.class, () -> load(source, file)).getMessage();
    }

    @Test
    void readsAHeaderAndCrlfLines() throws IOException {
        Path file = write(dir, "ratings.csv", "userId,movieId,rating,timestamp\r\n1,1,4.0,964982703\r\n"
                + "1,3,4.5,964981247\r\n2,1,0.5,1445714835\r\n");
        assertEquals(List.of("1 3 4.5 964981247", "1 1 4 964982703", "2 1 0.5 1445714835"), rows(load(source, file)));
    }

    @Test
    void findsColumnsByNameInAnyOrderAndSpelling() throws IOException {
        Path file = write(dir, "ratings.csv", "\uFEFFtimestamp,movie_id,UserId,rating\n5,20,7,3.5\n");
        assertEquals(List.of("7 20 3.5 5"), rows(load(source, file)));
    }

    @Test
    void namesTheHeaderColumnsWhenOneIsMissing() throws IOException {
        assertEquals("ratings.csv:1: no column 'movieId' in the header; its columns are: userId, itemId, rating, "
                + "timestamp", error("userId,itemId,rating,timestamp\n1,2,3,4\n"));
    }

    @Test
    void reportsMalformedLinesWithFileAndLine() throws IOException {
        assertEquals("ratings.csv:3: expected 4 fields separated by ',' (as in the header), found 5",
                error("userId,movieId,rating,timestamp\r\n1,1,4.0,964982703\r\n1,3,4.0,964981247,9\r\n"));
        assertEquals("ratings.csv:2: column 'rating': expected a number, found '4,5'",
                error("userId,movieId,rating,timestamp\n1,1,\"4,5\",964982703\n"));
        assertEquals("ratings.csv:2: column 'timestamp': expected an integer, found '2018-09-26'",
                error("userId,movieId,rating,timestamp\n1,1,4.0,2018-09-26\n"));
    }

    @Test
    void saysAFileWithOnlyAHeaderHasNoData() throws IOException {
        assertEquals("ratings.csv: the file has a header but no data lines",
                error("userId,movieId,rating,timestamp\r\n"));
        assertEquals("ratings.csv: the file is empty", error(""));
    }

    @Test
    void loadsTheRealMovieLensLatestSmall() throws IOException {
        Path file = LoaderTesting.realFile("ml-latest-small", "ratings.csv");
        Dataset d = LoaderTesting.timedLoad(source, file);
        assertArrayEquals(new int[] {100_836, 610, 9_724}, counts(d));
        assertEquals(610, d.numUsers());
        assertEquals(9_724, d.numItems());
        assertEquals("ml-latest-small/ratings.csv", d.name());
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int i = 0; i < d.size(); i++) {
            min = Math.min(min, d.value(i));
            max = Math.max(max, d.value(i));
            assertEquals(0, d.value(i) * 2 % 1, "half stars");
        }
        assertEquals(0.5f, min);
        assertEquals(5f, max);
        // The file has no repeated (user, movie) pair: keep-last and error agree with it.
        assertEquals(d.size(), LoaderTesting.load(source, file, "duplicates", "error").size());
    }
}
