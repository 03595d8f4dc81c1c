package org.surrogate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.surrogate.console.api.FakeHost;
import org.surrogate.console.api.TestServer;
import picocli.CommandLine;

class MainTest {

    /** The outcome of one in-process run of the command line. */
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void pluginsListWithoutServerSaysHowToStartOne() throws Exception {
        String url = "http://127.0.0.1:" + freePort();
        Run r = run("plugins", "list", "--server", url);
        assertEquals(1, r.code());
        assertEquals("no Surrogate server at " + url + ": start one with ./surrogate serve" + System.lineSeparator(),
                r.err());
        assertEquals("", r.out());
    }

    @Test
    void serverOptionIsAcceptedBeforeTheSubcommandToo() throws Exception {
        String url = "http://127.0.0.1:" + freePort();
        Run r = run("plugins", "--server", url + "/", "list");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("no Surrogate server at " + url + ": "), r.err());
    }

    @Test
    void pluginsListPrintsATable() throws Exception {
        try (TestServer server = new TestServer()) {
            // No --token: the client reads the server's secrets/cli-token from --data.
            Run r = run("plugins", "list", "--server", server.server.url(), "--data", server.data.toString());
            assertEquals(0, r.code(), r.err());
            String n = System.lineSeparator();
            assertEquals("KIND         ID          VERSION  BUNDLE" + n
                    + "protocol     holdout     0.1.0    " + FakeHost.BUILTIN_BSN + n
                    + "recommender  popularity  0.1.0    " + FakeHost.BUILTIN_BSN + n, r.out());
        }
    }

    @Test
    void installsUpdatesAndRemovesABundle(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("my-plugin-1.0.0.jar");
        Files.write(jar, TestServer.bundleJar("org.example.cli;singleton:=true"));
        try (TestServer server = new TestServer()) {
            String url = server.server.url();
            String token = server.adminToken;
            String sha = FakeHost.sha256(Files.readAllBytes(jar));
            Run install = run("plugins", "install", jar.toString(), "--sha256", sha,
                    "--server", url, "--token", token);
            assertEquals(0, install.code(), install.err());
            assertEquals("installed org.example.cli 1.0.0 (bundle 10, ACTIVE): no plugins registered yet"
                    + System.lineSeparator(), install.out());
            assertEquals("my-plugin-1.0.0.jar", server.host.lastUpload.fileName());

            Run again = run("plugins", "install", jar.toString(), "--server", url, "--token", token);
            assertEquals(1, again.code());
            assertEquals("my-plugin-1.0.0.jar: bundle 'org.example.cli' is installed already; update it instead"
                    + System.lineSeparator(), again.err());

            Run update = run("plugins", "update", jar.toString(), "--server", url, "--token", token);
            assertEquals(0, update.code(), update.err());
            assertEquals("updated org.example.cli 2.0.0 (bundle 10, ACTIVE): no plugins registered yet"
                    + System.lineSeparator(), update.out());

            Run remove = run("plugins", "remove", "org.example.cli", "--server", url, "--token", token);
            assertEquals(0, remove.code(), remove.err());
            assertEquals("removed org.example.cli" + System.lineSeparator(), remove.out());

            Run removeAgain = run("plugins", "remove", "org.example.cli", "--server", url, "--token", token);
            assertEquals(1, removeAgain.code());
            assertEquals("no bundle 'org.example.cli' is installed" + System.lineSeparator(), removeAgain.err());
        }
    }

    @Test
    void updateRefusesAJarThatIsNotABundle(@TempDir Path dir) throws Exception {
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "hello");
        Run r = run("plugins", "update", notes.toString(), "--server", "http://127.0.0.1:1");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith(notes + ": not a jar file ("), r.err());
    }

    @Test
    void installOfMissingFileSaysSo(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.jar");
        Run r = run("plugins", "install", missing.toString(), "--server", "http://127.0.0.1:1");
        assertEquals(1, r.code());
        assertEquals(missing + ": no such file" + System.lineSeparator(), r.err());
    }

    @Test
    void rejectsServerThatIsNotAUrl() {
        Run r = run("plugins", "list", "--server", "localhost:8080");
        assertEquals(1, r.code());
        assertEquals("--server: expected a URL such as http://localhost:8080, found 'localhost:8080'"
                + System.lineSeparator(), r.err());
    }

    @Test
    void homeComesFromTheOptionThenTheSystemProperty(@TempDir Path dir) {
        assertEquals(dir, ServeCommand.resolveHome(dir));
        String old = System.getProperty(ServeCommand.HOME_PROPERTY);
        System.setProperty(ServeCommand.HOME_PROPERTY, dir.toString());
        try {
            assertEquals(dir, ServeCommand.resolveHome(null));
        } finally {
            if (old == null) {
                System.clearProperty(ServeCommand.HOME_PROPERTY);
            } else {
                System.setProperty(ServeCommand.HOME_PROPERTY, old);
            }
        }
    }

    @Test
    void serveRefusesAHomeWithoutSystemBundles(@TempDir Path dir) {
        Run r = run("serve", "--home", dir.toString(), "--data", dir.resolve("data").toString(), "--port", "0");
        assertEquals(1, r.code());
        assertEquals(dir + " is not a Surrogate distribution: it has no system-bundles/ folder; build one with"
                + " 'mvn install' (it appears in web-console/target/surrogate) or pass --home DIR"
                + System.lineSeparator(), r.err());
    }

    @Test
    void helpExplainsTheInitialAdminAndTheCliToken() {
        Run r = run("serve", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("DIR/secrets/initial-admin-password"), r.out());
        assertTrue(r.out().contains("DIR/secrets/cli-token"), r.out());
    }

    @Test
    void clientWithoutTokenSaysHowToPassOne(@TempDir Path empty) throws Exception {
        try (TestServer server = new TestServer()) {
            Run r = run("plugins", "list", "--server", server.server.url(), "--data", empty.toString());
            assertEquals(1, r.code());
            assertEquals("authentication required: send 'Authorization: Bearer TOKEN' with an API token, or log in"
                    + " with POST /api/v1/session; the client sent no API token: pass --token TOKEN, set"
                    + " $SURROGATE_TOKEN, or on the server's machine pass --data with its data folder (it holds"
                    + " secrets/cli-token)" + System.lineSeparator(), r.err());
        }
    }

    @Test
    void clientWithARevokedTokenIsRefused() throws Exception {
        try (TestServer server = new TestServer()) {
            String token = server.createUser("vic", "viewer-password", org.surrogate.console.security.Role.VIEWER);
            Run ok = run("plugins", "list", "--server", server.server.url(), "--token", token);
            assertEquals(0, ok.code(), ok.err());
            server.server.security().users().tokens("vic")
                    .forEach(t -> server.server.security().users().revokeToken(t.id()));
            Run r = run("plugins", "list", "--server", server.server.url(), "--token", token);
            assertEquals(1, r.code());
            assertTrue(r.err().startsWith("invalid API token: it is unknown, was revoked, or its user was deleted;"),
                    r.err());
        }
    }

    @Test
    void tokenComesFromTheOptionThenTheEnvironmentThenTheDataFolder(@TempDir Path data) throws Exception {
        assertEquals(null, ConsoleClient.resolveToken(null, null, data));
        Files.createDirectories(data.resolve("secrets"));
        Files.writeString(data.resolve("secrets/cli-token"), "sgt_file\n");
        assertEquals("sgt_file", ConsoleClient.resolveToken(null, null, data));
        assertEquals("sgt_env", ConsoleClient.resolveToken(null, "sgt_env", data));
        assertEquals("sgt_option", ConsoleClient.resolveToken(" sgt_option ", "sgt_env", data));
    }
}
