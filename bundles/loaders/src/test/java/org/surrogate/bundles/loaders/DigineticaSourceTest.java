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
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.surrogate.api.data.Dataset;

class DigineticaSourceTest {

    private final DigineticaSource source = new DigineticaSource();

    @TempDir
    Path dir;

    /** The timestamp of a click: the date's midnight UTC in milliseconds, plus the time frame. */
    private static long ms(String date, long timeframe) {
        return LocalDate.parse(date).toEpochDay() * 86_400_000L + timeframe;
    }

    private String error(String content) throws IOException {
        Path file = write(dir, "train-item-views.csv", content);
        return assertThrows(MalformedFileException.class, () -> load(source, file)).getMessage();
    }

    @Test
    void readsSessionsAsUsersOrderedByDateThenTimeframe() throws IOException {
        Path file = write(dir, "train-item-views.csv", """
                session_id;user_id;item_id;timeframe;eventdate
                1;NA;81766;526309;2016-05-09
                1;NA;31331;1031018;2016-05-09
                1;NA;32118;243569;2016-05-09
                2;NA;9654;10;2016-05-10
                2;17;33043;900000;2016-05-09
                2;17;9654;20;2016-05-10
                """);
        Dataset d = load(source, file);
        assertEquals(List.of("1 32118 1 " + ms("2016-05-09", 243569), "1 81766 1 " + ms("2016-05-09", 526309),
                "1 31331 1 " + ms("2016-05-09", 1031018), "2 33043 1 " + ms("2016-05-09", 900000),
                "2 9654 1 " + ms("2016-05-10", 10), "2 9654 1 " + ms("2016-05-10", 20)), rows(d));
        assertEquals(1_462_752_243_569L, ms("2016-05-09", 243569));
        assertEquals(2, d.numUsers());
    }

    @Test
    void acceptsTheFullDatasetsHeaderSpelling() throws IOException {
        Path file = write(dir, "train-item-views.csv", "sessionId;userId;itemId;timeframe;eventdate\n"
                + "5;NA;7;3;2016-01-03\n");
        assertEquals(List.of("5 7 1 " + ms("2016-01-03", 3)), rows(load(source, file)));
    }

    @Test
    void reportsMalformedLinesWithFileAndLine() throws IOException {
        String header = "session_id;user_id;item_id;timeframe;eventdate\n";
        assertEquals("train-item-views.csv:2: column 'eventdate': expected a date YYYY-MM-DD, found '2016-13-01'",
                error(header + "1;NA;2;3;2016-13-01\n"));
        assertEquals("train-item-views.csv:3: expected 5 fields separated by ';' (as in the header), found 4",
                error(header + "1;NA;2;3;2016-01-03\n1;NA;2;3\n"));
        assertEquals("train-item-views.csv:2: column 'item_id': expected a non-negative integer id, found 'abc'",
                error(header + "1;NA;abc;3;2016-01-03\n"));
        assertEquals("train-item-views.csv:2: column 'timeframe': expected an integer, found '1.5'",
                error(header + "1;NA;2;1.5;2016-01-03\n"));
    }

    @Test
    void namesTheHeaderColumnsWhenOneIsMissing() throws IOException {
        assertEquals("train-item-views.csv:1: no column 'sessionId' in the header; its columns are: session, user, "
                + "item, timeframe, eventdate", error("session;user;item;timeframe;eventdate\n1;NA;2;3;2016-01-03\n"));
    }

    @Test
    void saysEmptyFilesAreEmpty() throws IOException {
        assertEquals("train-item-views.csv: the file is empty", error(""));
        assertEquals("train-item-views.csv: the file has a header but no data lines",
                error("session_id;user_id;item_id;timeframe;eventdate\n"));
    }

    @Test
    void loadsTheRealSample() throws IOException {
        Path file = LoaderTesting.realFile("diginetica-sample", "sample_train-item-views.csv");
        Dataset d = LoaderTesting.timedLoad(source, file);
        assertArrayEquals(new int[] {12_391, 2_986, 7_139}, counts(d));
        Set<Long> days = new HashSet<>();
        for (int u = 0; u < d.numUsers(); u++) {
            for (int i = d.begin(u); i < d.end(u); i++) {
                days.add(Math.floorDiv(d.timestamp(i), 86_400_000L));
                assertTrue(i == d.begin(u) || d.timestamp(i - 1) <= d.timestamp(i));
            }
        }
        assertEquals(142, days.size(), "distinct dates, as in the README");
    }
}
