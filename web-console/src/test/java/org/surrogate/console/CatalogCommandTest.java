package org.surrogate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.surrogate.console.api.TestServer;
import org.surrogate.framework.catalog.CatalogIndex;
import picocli.CommandLine;

/** {@code surrogate catalog index DIR}, which needs no server, and the client's input checks. */
class CatalogCommandTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void indexWritesTheIndexOfAFolderAndReportsSkippedJars() throws Exception {
        Files.write(dir.resolve("a.jar"), TestServer.bundleJar("org.example.a"));
        Files.writeString(dir.resolve("notes.jar"), "not a jar");
        Run r = run("catalog", "index", dir.toString(), "--name", "Lab");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("wrote " + dir.resolve("index.json") + ": 1 bundle(s)"), r.out());
        assertTrue(r.out().contains("note: notes.jar: skipped"), r.out());
        CatalogIndex index = CatalogIndex.parse("index", Files.readAllBytes(dir.resolve("index.json")));
        assertEquals("org.example.a", index.bundles().get(0).symbolicName());
        assertEquals("Lab", index.name());
    }

    @Test
    void indexOfAMissingFolderSaysSo() {
        Run r = run("catalog", "index", dir.resolve("nope").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(dir.resolve("nope") + ": not a folder"), r.err());
    }

    @Test
    void aMalformedVersionIsRefusedBeforeAnyRequest() {
        Run r = run("catalog", "install", "org.example.a@1.x.y", "--server", "http://127.0.0.1:9");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("org.example.a@1.x.y: bundle 'org.example.a': version: '1.x.y' is not an OSGi"
                + " version"), r.err());
    }
}
