package org.surrogate.bundles.loaders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.surrogate.bundles.loaders.LoaderTesting.load;
import static org.surrogate.bundles.loaders.LoaderTesting.rows;
import static org.surrogate.bundles.loaders.LoaderTesting.write;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensDatSourceTest {

    private final MovieLensDatSource source = new MovieLensDatSource();

    @TempDir
    Path dir;

    private String error(String content) throws IOException {
        Path file = write(dir, "ratings.dat", content);
        return assertThrows(MalformedFileException.class, () -> load(source, file)).getMessage();
    }

    @Test
    void readsDoubleColonSeparatedRatingsInTimeOrder() throws IOException {
        // MovieLens 1M style; 10M has half stars.
        Path file = write(dir, "ratings.dat", """
                1::1193::5::978300760
                1::661::3::978302109
                1::914::3::978301968
                2::1357::4.5::978298709
                2::3068::4::978299000
                """);
        assertEquals(List.of("1 1193 5 978300760", "1 914 3 978301968", "1 661 3 978302109",
                "2 1357 4.5 978298709", "2 3068 4 978299000"), rows(load(source, file)));
        assertEquals("movielens-dat", source.descriptor().id());
    }

    @Test
    void reportsMalformedLinesWithFileAndLine() throws IOException {
        assertEquals("ratings.dat:2: expected 4 fields separated by '::', found 3",
                error("1::1193::5::978300760\n1::661::3\n"));
        assertEquals("ratings.dat:1: expected 4 fields separated by '::', found 1", error("1,1193,5,978300760\n"));
        assertEquals("ratings.dat:1: column 'Rating': expected a number, found 'five'", error("1::1193::five::1\n"));
        assertEquals("ratings.dat:1: column 'MovieID': expected a non-negative integer id, found '-1193'",
                error("1::-1193::5::1\n"));
        assertEquals("ratings.dat:1: column 'Timestamp': expected an integer, found ''", error("1::1193::5::\n"));
    }

    @Test
    void writesNumericIdsWithoutLeadingZeros() throws IOException {
        Path file = write(dir, "ratings.dat", "007::0010::5::1\n7::10::4::2\n0::00::3::3\n");
        assertEquals(List.of("7 10 5 1", "7 10 4 2", "0 0 3 3"), rows(load(source, file, "duplicates", "keep-all")));
    }

    @Test
    void saysAnEmptyFileIsEmpty() throws IOException {
        assertEquals("ratings.dat: the file is empty", error(""));
    }

    @Test
    void keepsTheLatestRatingOfARepeatedPairByDefault() throws IOException {
        Path file = write(dir, "ratings.dat", "1::10::2::200\n1::10::5::100\n");
        assertEquals(List.of("1 10 2 200"), rows(load(source, file)));
    }
}
