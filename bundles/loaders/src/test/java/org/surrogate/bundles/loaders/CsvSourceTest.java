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
import org.surrogate.api.param.InvalidParamsException;

class CsvSourceTest {

    private final CsvSource source = new CsvSource();

    @TempDir
    Path dir;

    @Test
    void mapsNamedColumnsWithStringIds() throws IOException {
        Path file = write(dir, "clicks.csv", """
                ts,visitor,product,score,extra
                30,alice,book,2.5,x
                10,bob,pen,1,y
                20,alice,pen,4,z
                """);
        Dataset d = load(source, file, "userColumn", "visitor", "itemColumn", "product", "valueColumn", "score",
                "timestampColumn", "ts");
        assertEquals(List.of("alice pen 4 20", "alice book 2.5 30", "bob pen 1 10"), rows(d));
    }

    @Test
    void withoutValueOrTimestampColumnsValuesAreOneAndThereIsNoTime() throws IOException {
        Path file = write(dir, "pairs.csv", "u,i\na,x\nb,y\na,y\n");
        Dataset d = load(source, file, "userColumn", "u", "itemColumn", "i");
        assertFalse(d.hasTimestamps());
        assertEquals(List.of("a x 1", "a y 1", "b y 1"), rows(d));
    }

    @Test
    void readsTabSeparatedFilesWithoutHeaderByPosition() throws IOException {
        Path file = write(dir, "data.tsv", "# exported 2024\n# user item rating time\n9\t1\t5\t100\n8\t1\t3\t90\n");
        Dataset d = load(source, file, "delimiter", "tab", "header", false, "skipLines", 2, "userColumn", "0",
                "itemColumn", "1", "valueColumn", "2", "timestampColumn", "3");
        assertEquals(List.of("9 1 5 100", "8 1 3 90"), rows(d));
        assertEquals(rows(d), rows(load(source, file, "delimiter", "\\t", "header", false, "skipLines", 2,
                "userColumn", "0", "itemColumn", "1", "valueColumn", "2", "timestampColumn", "3")));
    }

    @Test
    void readsQuotedFieldsAndMultiCharacterDelimiters() throws IOException {
        Path quoted = write(dir, "q.csv", "user,item,rating\n\"Smith, J.\",\"The \"\"Best\"\" Book\",4\n");
        assertEquals(List.of("Smith, J. The \"Best\" Book 4"),
                rows(load(source, quoted, "userColumn", "user", "itemColumn", "item", "valueColumn", "rating")));
        Path tabs = write(dir, "t.tsv", "u\ti\tv\n\t\"x\"\t2\na\t\"y\"\t3\n");
        assertEquals("t.tsv:2: column 'u': expected an id, found an empty field",
                assertThrows(MalformedFileException.class, () -> load(source, tabs, "delimiter", "tab",
                        "userColumn", "u", "itemColumn", "i", "valueColumn", "v")).getMessage());
        Path colons = write(dir, "r.dat", "1::2::3\n");
        assertEquals(List.of("1 2 3"), rows(load(source, colons, "delimiter", "::", "header", false,
                "userColumn", "0", "itemColumn", "1", "valueColumn", "2")));
    }

    @Test
    void namesTheHeaderColumnsForAnUnknownColumn() throws IOException {
        Path file = write(dir, "clicks.csv", "ts,visitor,product\n1,a,b\n");
        assertEquals("clicks.csv:1: no column 'user' in the header; its columns are: ts, visitor, product",
                assertThrows(MalformedFileException.class,
                        () -> load(source, file, "userColumn", "user", "itemColumn", "product")).getMessage());
    }

    @Test
    void reportsAColumnPositionBeyondTheLine() throws IOException {
        Path file = write(dir, "d.csv", "\n1,2\n");
        assertEquals("d.csv:2: column 3 (0-based) does not exist: the line has 2 fields separated by ','",
                assertThrows(MalformedFileException.class, () -> load(source, file, "header", false,
                        "userColumn", "0", "itemColumn", "1", "valueColumn", "3")).getMessage());
    }

    @Test
    void reportsMalformedLinesWithFileAndLine() throws IOException {
        Path file = write(dir, "clicks.csv", "u,i,v\na,x,1\nb,y\n");
        assertEquals("clicks.csv:3: expected 3 fields separated by ',' (as in the header), found 2",
                assertThrows(MalformedFileException.class,
                        () -> load(source, file, "userColumn", "u", "itemColumn", "i", "valueColumn", "v"))
                        .getMessage());
        Path bad = write(dir, "v.csv", "u,i,v\na,x,high\n");
        assertEquals("v.csv:2: column 'v': expected a number, found 'high'",
                assertThrows(MalformedFileException.class,
                        () -> load(source, bad, "userColumn", "u", "itemColumn", "i", "valueColumn", "v"))
                        .getMessage());
        Path noHeader = write(dir, "n.csv", "a,x,1\nb,y,z\n");
        assertEquals("n.csv:2: column 2 (0-based): expected a number, found 'z'",
                assertThrows(MalformedFileException.class, () -> load(source, noHeader, "header", false,
                        "userColumn", "0", "itemColumn", "1", "valueColumn", "2")).getMessage());
        Path emptyId = write(dir, "e.csv", "u,i\n,x\n");
        assertEquals("e.csv:2: column 'u': expected an id, found an empty field",
                assertThrows(MalformedFileException.class,
                        () -> load(source, emptyId, "userColumn", "u", "itemColumn", "i")).getMessage());
        Path open = write(dir, "o.csv", "u,i\n\"a,x\n");
        assertEquals("o.csv:2: field 1 opens a double quote that is not closed on this line",
                assertThrows(MalformedFileException.class,
                        () -> load(source, open, "userColumn", "u", "itemColumn", "i")).getMessage());
    }

    @Test
    void saysEmptyFilesAreEmpty() throws IOException {
        Path empty = write(dir, "empty.csv", "");
        assertEquals("empty.csv: the file is empty", assertThrows(MalformedFileException.class,
                () -> load(source, empty, "userColumn", "u", "itemColumn", "i")).getMessage());
        Path skipped = write(dir, "short.csv", "# a comment\n");
        assertEquals("short.csv: the file has no lines left after skipping 3 (skipLines)",
                assertThrows(MalformedFileException.class,
                        () -> load(source, skipped, "skipLines", 3, "userColumn", "u", "itemColumn", "i"))
                        .getMessage());
    }

    @Test
    void refusesColumnsThatAreNotPositionsWithoutHeaderAndAnEmptyDelimiter() throws IOException {
        Path file = write(dir, "d.csv", "1,2\n");
        InvalidParamsException e = assertThrows(InvalidParamsException.class, () -> load(source, file,
                "header", false, "delimiter", "", "userColumn", "user", "itemColumn", "1", "timestampColumn", "-1"));
        assertEquals(List.of("delimiter: expected a delimiter such as ',', ';', 'tab' or '::' (not empty, not '\"'), "
                        + "found ''",
                "userColumn: expected a 0-based column position such as '0' (header is false), found 'user'",
                "timestampColumn: expected a 0-based column position such as '0' (header is false), found '-1'"),
                e.problems());
        assertEquals("userColumn: required, expected a string; itemColumn: required, expected a string",
                assertThrows(InvalidParamsException.class, () -> load(source, file)).getMessage());
    }

    @Test
    void duplicatePoliciesApplyToCsvToo() throws IOException {
        Path file = write(dir, "r.csv", "u,i,v,t\na,x,1,5\na,x,3,5\n");
        String[] mapping = {"userColumn", "u", "itemColumn", "i", "valueColumn", "v", "timestampColumn", "t"};
        assertEquals(List.of("a x 3 5"), rows(load(source, file, (Object[]) mapping)));
        Object[] sum = List.of("userColumn", "u", "itemColumn", "i", "valueColumn", "v", "timestampColumn", "t",
                "duplicates", "sum").toArray();
        assertEquals(List.of("a x 4 5"), rows(load(source, file, sum)));
    }
}
