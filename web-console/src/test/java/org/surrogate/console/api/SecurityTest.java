package org.surrogate.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.surrogate.console.security.Role;
import org.surrogate.console.security.Security;

/**
 * Authentication, roles, CSRF, tokens, limits and the audit log, over HTTP against a real Jetty on
 * a random port in front of a {@link FakeHost}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityTest {

    private static final String TRIAL = """
            {"protocol": "holdout", "params": {"cutoffs": [5]}, "seed": 1,
             "slots": {"data": [{"plugin": "demo-latent"}], "recommenders": [{"plugin": "popularity"}]}}
            """;

    private TestServer server;
    private String viewer;
    private String researcher;

    @BeforeAll
    void start() throws Exception {
        server = new TestServer();
        viewer = server.createUser("vic", "viewer-password", Role.VIEWER);
        researcher = server.createUser("rita", "researcher-password", Role.RESEARCHER);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> login(TestServer s, String user, String password) throws Exception {
        return s.sendWith("POST", "/api/v1/session", Map.of(), "application/json",
                utf8("{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}"));
    }

    private static String cookieOf(HttpResponse<String> login) {
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Test
    void answersRequestWithoutCredentialsWith401ButHealthIsPublic() throws Exception {
        HttpResponse<String> r = server.sendAs(null, "GET", "/api/v1/plugins", null, null);
        assertEquals(401, r.statusCode());
        assertEquals("Bearer realm=\"surrogate\"", r.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals("authentication required: send 'Authorization: Bearer TOKEN' with an API token, or log in"
                + " with POST /api/v1/session", TestServer.json(r).get("error").asText());
        assertEquals(401, server.sendAs(null, "POST", "/api/v1/trials", "application/json", utf8(TRIAL)).statusCode());
        assertEquals(401, server.sendAs("sgt_not-a-token", "GET", "/api/v1/plugins", null, null).statusCode());
        assertEquals(200, server.sendAs(null, "GET", "/api/v1/health", null, null).statusCode());
    }

    @Test
    void answersViewerPostWith403() throws Exception {
        assertEquals(200, server.sendAs(viewer, "GET", "/api/v1/plugins", null, null).statusCode());
        HttpResponse<String> r = server.sendAs(viewer, "POST", "/api/v1/trials", "application/json", utf8(TRIAL));
        assertEquals(403, r.statusCode());
        assertEquals("user 'vic' (viewer) may not POST /api/v1/trials: it needs the role researcher",
                TestServer.json(r).get("error").asText());
        assertEquals(202, server.sendAs(researcher, "POST", "/api/v1/trials", "application/json", utf8(TRIAL))
                .statusCode());
    }

    @Test
    void installingAPluginIsAdminOnly() throws Exception {
        byte[] body = TestServer.multipart("r.jar", TestServer.bundleJar("org.example.byresearcher"), Map.of());
        HttpResponse<String> r = server.sendAs(researcher, "POST", "/api/v1/bundles",
                "multipart/form-data; boundary=" + TestServer.BOUNDARY, body);
        assertEquals(403, r.statusCode());
        assertEquals("user 'rita' (researcher) may not POST /api/v1/bundles: it needs the role admin",
                TestServer.json(r).get("error").asText());
        assertEquals(403, server.sendAs(researcher, "DELETE", "/api/v1/bundles/" + FakeHost.BUILTIN_BSN, null, null)
                .statusCode());
        assertEquals(403, server.sendAs(researcher, "GET", "/api/v1/users", null, null).statusCode());
        assertEquals(403, server.sendAs(researcher, "GET", "/api/v1/audit", null, null).statusCode());
    }

    @Test
    void cookieSessionNeedsTheCsrfTokenToChangeState() throws Exception {
        HttpResponse<String> login = login(server, "rita", "researcher-password");
        assertEquals(200, login.statusCode(), login.body());
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("; HttpOnly") && setCookie.contains("; SameSite=Strict")
                && setCookie.contains("; Path=/api/v1"), setCookie);
        JsonNode session = TestServer.json(login);
        assertEquals("rita", session.get("user").asText());
        assertEquals("researcher", session.get("role").asText());
        String csrf = session.get("csrfToken").asText();
        String cookie = cookieOf(login);

        assertEquals(200, server.sendWith("GET", "/api/v1/plugins", Map.of("Cookie", cookie), null, null)
                .statusCode(), "reading needs no CSRF token");
        HttpResponse<String> without = server.sendWith("POST", "/api/v1/trials", Map.of("Cookie", cookie),
                "application/json", utf8(TRIAL));
        assertEquals(403, without.statusCode());
        assertTrue(TestServer.json(without).get("error").asText().startsWith("missing or wrong X-CSRF-Token header"),
                without.body());
        assertEquals(403, server.sendWith("POST", "/api/v1/trials", Map.of("Cookie", cookie, "X-CSRF-Token",
                "wrong"), "application/json", utf8(TRIAL)).statusCode());
        HttpResponse<String> with = server.sendWith("POST", "/api/v1/trials", Map.of("Cookie", cookie,
                "X-CSRF-Token", csrf), "application/json", utf8(TRIAL));
        assertEquals(202, with.statusCode(), with.body());

        JsonNode again = TestServer.json(server.sendWith("GET", "/api/v1/session", Map.of("Cookie", cookie), null,
                null));
        assertEquals(csrf, again.get("csrfToken").asText(), "a reloaded page gets the token again");

        assertEquals(403, server.sendWith("DELETE", "/api/v1/session", Map.of("Cookie", cookie), null, null)
                .statusCode(), "logging out changes state too");
        HttpResponse<String> logout = server.sendWith("DELETE", "/api/v1/session", Map.of("Cookie", cookie,
                "X-CSRF-Token", csrf), null, null);
        assertEquals(204, logout.statusCode());
        assertTrue(logout.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
        assertEquals(401, server.sendWith("GET", "/api/v1/plugins", Map.of("Cookie", cookie), null, null)
                .statusCode());
    }

    @Test
    void rateLimitsFailedLoginsWith429() throws Exception {
        try (TestServer s = new TestServer()) {
            s.createUser("ada", "ada-password", Role.RESEARCHER);
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> r = login(s, "ada", "wrong-" + i);
                assertEquals(401, r.statusCode());
                assertEquals("wrong user name or password", TestServer.json(r).get("error").asText());
            }
            HttpResponse<String> limited = login(s, "ada", "ada-password");
            assertEquals(429, limited.statusCode(), "even the right password waits");
            long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
            assertTrue(TestServer.json(limited).get("error").asText().startsWith("too many failed logins"));
            String basic = "Basic " + Base64.getEncoder().encodeToString(utf8("ada:ada-password"));
            assertEquals(429, s.sendWith("GET", "/api/v1/plugins", Map.of("Authorization", basic), null, null)
                    .statusCode(), "HTTP Basic counts against the same limit");
            assertEquals(200, s.get("/api/v1/plugins").statusCode(), "API tokens are not affected");
        }
    }

    @Test
    void basicAuthenticationWorksForScripts() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(utf8("vic:viewer-password"));
        assertEquals(200, server.sendWith("GET", "/api/v1/plugins", Map.of("Authorization", basic), null, null)
                .statusCode());
        assertEquals(403, server.sendWith("POST", "/api/v1/trials", Map.of("Authorization", basic),
                "application/json", utf8(TRIAL)).statusCode());
    }

    @Test
    void refusesOversizedJsonBodyWith413() throws Exception {
        try (TestServer s = new TestServer(TestServer.testSettings().withMaxBodyBytes(1024))) {
            String big = "{\"protocol\": \"holdout\", \"seed\": 1, \"params\": {\"pad\": \""
                    + "x".repeat(2048) + "\"}}";
            HttpResponse<String> r = s.sendJson("POST", "/api/v1/trials", big);
            assertEquals(413, r.statusCode(), r.body());
            assertEquals("request body too large: the API accepts up to 1024 bytes of JSON or YAML (bundle uploads,"
                    + " sent as multipart/form-data, have their own limit)", TestServer.json(r).get("error").asText());

            // Chunked, without Content-Length: refused while it is read.
            HttpRequest chunked = HttpRequest.newBuilder(URI.create(s.server.url() + "/api/v1/trials"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + s.adminToken)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(utf8(big))))
                    .build();
            HttpResponse<String> streamed = HttpClient.newHttpClient().send(chunked,
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(413, streamed.statusCode(), streamed.body());
            assertTrue(TestServer.json(streamed).get("error").asText().startsWith("request body too large"));

            // A bundle upload past the JSON limit is still accepted: it has its own, larger, limit.
            byte[] jar = TestServer.bundleJar("org.example.big");
            byte[] padded = TestServer.multipart("big.jar", jar, Map.of("note", "y".repeat(2048)));
            assertEquals(201, s.sendMultipart("POST", "/api/v1/bundles", padded).statusCode());
        }
    }

    @Test
    void initialAdminPasswordFileIsPrivateAndLogsIn() throws Exception {
        Path secrets = server.data.resolve(Security.SECRETS_DIR);
        Path file = secrets.resolve(Security.INITIAL_ADMIN_PASSWORD);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                secrets.resolve(Security.CLI_TOKEN))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                server.data.resolve(Security.USERS_FILE))));
        assertEquals(file, server.server.security().initialAdminPasswordFile().orElseThrow());
        String password = Files.readString(file).strip();
        assertTrue(password.length() >= 20, "a long random password");
        String users = Files.readString(server.data.resolve(Security.USERS_FILE));
        assertFalse(users.contains(password), "never stored in clear");
        assertTrue(users.contains("\"passwordHash\" : \"$2a$"), "stored as bcrypt");
        assertFalse(users.contains(server.adminToken), "tokens are stored hashed");

        HttpResponse<String> r = login(server, "admin", password);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("admin", TestServer.json(r).get("role").asText());
    }

    @Test
    void tokensWorkAndCanBeRevoked() throws Exception {
        HttpResponse<String> created = server.sendAs(viewer, "POST", "/api/v1/tokens", "application/json",
                utf8("{\"name\": \"laptop\"}"));
        assertEquals(201, created.statusCode(), created.body());
        JsonNode t = TestServer.json(created);
        String token = t.get("token").asText();
        String id = t.get("id").asText();
        assertTrue(token.startsWith("sgt_"), token);
        assertEquals("vic", t.get("user").asText());
        assertEquals("laptop", t.get("name").asText());

        assertEquals(200, server.sendAs(token, "GET", "/api/v1/plugins", null, null).statusCode());
        HttpResponse<String> list = server.sendAs(token, "GET", "/api/v1/tokens", null, null);
        assertFalse(list.body().contains(token), "the secret is shown once only");
        assertTrue(list.body().contains("\"id\":\"" + id + "\""), list.body());

        assertEquals(404, server.sendAs(researcher, "DELETE", "/api/v1/tokens/" + id, null, null).statusCode(),
                "someone else's token");
        assertEquals(403, server.sendAs(viewer, "GET", "/api/v1/tokens?all=true", null, null).statusCode());
        assertEquals(204, server.sendAs(token, "DELETE", "/api/v1/tokens/" + id, null, null).statusCode());
        HttpResponse<String> revoked = server.sendAs(token, "GET", "/api/v1/plugins", null, null);
        assertEquals(401, revoked.statusCode());
        assertTrue(TestServer.json(revoked).get("error").asText().startsWith("invalid API token"));
    }

    @Test
    void adminManagesUsers() throws Exception {
        HttpResponse<String> created = server.sendJson("POST", "/api/v1/users",
                "{\"name\": \"newbie\", \"password\": \"newbie-password\", \"role\": \"viewer\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("viewer", TestServer.json(created).get("role").asText());
        assertFalse(created.body().contains("newbie-password"));
        assertEquals(200, login(server, "newbie", "newbie-password").statusCode());

        HttpResponse<String> weak = server.sendJson("POST", "/api/v1/users",
                "{\"name\": \"weak\", \"password\": \"short\", \"role\": \"viewer\"}");
        assertEquals(400, weak.statusCode());
        assertEquals("password: expected at least 8 characters, found 5", TestServer.json(weak).get("error").asText());
        assertEquals(409, server.sendJson("POST", "/api/v1/users",
                "{\"name\": \"newbie\", \"password\": \"newbie-password\", \"role\": \"viewer\"}").statusCode());

        // A user sets their own password with the current one; not someone else's.
        String newbie = server.server.security().users().createToken("newbie", "t").token();
        assertEquals(403, server.sendAs(newbie, "POST", "/api/v1/users/newbie/password", "application/json",
                utf8("{\"password\": \"second-password\", \"currentPassword\": \"wrong\"}")).statusCode());
        assertEquals(204, server.sendAs(newbie, "POST", "/api/v1/users/newbie/password", "application/json",
                utf8("{\"password\": \"second-password\", \"currentPassword\": \"newbie-password\"}")).statusCode());
        assertEquals(403, server.sendAs(newbie, "POST", "/api/v1/users/vic/password", "application/json",
                utf8("{\"password\": \"hijacked-password\", \"currentPassword\": \"second-password\"}"))
                .statusCode());
        assertEquals(200, login(server, "newbie", "second-password").statusCode());

        // A role change takes effect on the user's next request; a researcher cannot give one.
        assertEquals(403, server.sendAs(newbie, "POST", "/api/v1/experiments/validate", "application/yaml",
                utf8("name: x")).statusCode());
        assertEquals(403, server.sendAs(researcher, "PUT", "/api/v1/users/newbie/role", "application/json",
                utf8("{\"role\": \"admin\"}")).statusCode());
        HttpResponse<String> promoted = server.sendJson("PUT", "/api/v1/users/newbie/role", "{\"role\": \"researcher\"}");
        assertEquals(200, promoted.statusCode(), promoted.body());
        assertEquals("researcher", TestServer.json(promoted).get("role").asText());
        assertNotEquals(403, server.sendAs(newbie, "POST", "/api/v1/experiments/validate", "application/yaml",
                utf8("name: x")).statusCode(), "the new role counts at once");
        HttpResponse<String> badRole = server.sendJson("PUT", "/api/v1/users/newbie/role", "{\"role\": \"boss\"}");
        assertEquals(400, badRole.statusCode(), badRole.body());
        HttpResponse<String> demote = server.sendJson("PUT", "/api/v1/users/admin/role", "{\"role\": \"viewer\"}");
        assertEquals(409, demote.statusCode());
        assertEquals("user 'admin' is the last admin; make another user admin first",
                TestServer.json(demote).get("error").asText());

        assertTrue(server.get("/api/v1/users").body().contains("\"name\":\"newbie\""));
        assertEquals(204, server.send("DELETE", "/api/v1/users/newbie", null, null).statusCode());
        assertEquals(401, server.sendAs(newbie, "GET", "/api/v1/plugins", null, null).statusCode(),
                "a deleted user's tokens stop working");
        HttpResponse<String> last = server.send("DELETE", "/api/v1/users/admin", null, null);
        assertEquals(409, last.statusCode());
        assertEquals("user 'admin' is the last admin; create another admin first",
                TestServer.json(last).get("error").asText());
    }

    @Test
    void auditLogRecordsWhoDidWhat() throws Exception {
        byte[] body = TestServer.multipart("audited.jar", TestServer.bundleJar("org.example.audited"), Map.of());
        assertEquals(201, server.sendMultipart("POST", "/api/v1/bundles", body).statusCode());
        assertEquals(403, server.sendAs(viewer, "DELETE", "/api/v1/bundles/org.example.audited", null, null)
                .statusCode());
        assertEquals(204, server.send("DELETE", "/api/v1/bundles/org.example.audited", null, null).statusCode());
        assertEquals(401, login(server, "nobody", "wrong-password").statusCode());

        JsonNode entries = TestServer.json(server.get("/api/v1/audit?limit=500"));
        JsonNode install = find(entries, "admin", "POST /api/v1/bundles", "/api/v1/bundles");
        assertEquals(201, install.get("status").asInt());
        assertEquals("ok", install.get("outcome").asText());
        assertEquals("127.0.0.1", install.get("address").asText());
        assertTrue(install.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), install.toString());
        JsonNode denied = find(entries, "vic", "DELETE /api/v1/bundles/{symbolicName}",
                "/api/v1/bundles/org.example.audited");
        assertEquals("denied", denied.get("outcome").asText());
        assertEquals(403, denied.get("status").asInt());
        assertEquals("ok", find(entries, "admin", "DELETE /api/v1/bundles/{symbolicName}",
                "/api/v1/bundles/org.example.audited").get("outcome").asText());
        JsonNode failedLogin = find(entries, "nobody", "POST /api/v1/session", "/api/v1/session");
        assertEquals("denied", failedLogin.get("outcome").asText());
        assertEquals("wrong user name or password", failedLogin.get("detail").asText());

        List<String> lines = Files.readAllLines(server.data.resolve(Security.AUDIT_FILE));
        assertTrue(lines.get(0).contains("\"action\":\"create initial admin\""), lines.get(0));
        assertTrue(lines.stream().noneMatch(l -> l.contains("wrong-password")), "no password in the audit log");
        assertEquals(0, TestServer.json(server.get("/api/v1/audit?user=nobody-at-all")).size());
    }

    private static JsonNode find(JsonNode entries, String user, String action, String target) {
        for (JsonNode e : entries) {
            if (e.get("user").asText().equals(user) && e.get("action").asText().equals(action)
                    && e.get("target").asText().equals(target)) {
                return e;
            }
        }
        throw new AssertionError("no audit entry " + user + " " + action + " " + target + " in " + entries);
    }

    @Test
    void onlyWhoStartedATrialOrAnAdminCancelsIt() throws Exception {
        String other = server.createUser("otto", "otto-password", Role.RESEARCHER);
        HttpResponse<String> started = server.sendAs(researcher, "POST", "/api/v1/trials", "application/json",
                utf8(TRIAL));
        String id = TestServer.json(started).get("id").asText();
        HttpResponse<String> r = server.sendAs(other, "DELETE", "/api/v1/trials/" + id, null, null);
        assertEquals(403, r.statusCode());
        assertEquals("trial " + id + " belongs to 'rita': user 'otto' (researcher) may not cancel it; only its owner"
                + " or an admin may", TestServer.json(r).get("error").asText());
        assertEquals(202, server.sendAs(researcher, "DELETE", "/api/v1/trials/" + id, null, null).statusCode());
    }

    @Test
    void noStackTraceReachesTheClient() throws Exception {
        // The fake host has no scheduler: an unexpected exception, answered 500 with its message only.
        HttpResponse<String> r = server.get("/api/v1/experiments");
        assertEquals(500, r.statusCode());
        assertEquals("{\"error\":\"the fake host has no scheduler\"}", r.body());
        HttpResponse<String> bad = server.sendJson("POST", "/api/v1/trials", "{\"protocol\": ");
        assertEquals(400, bad.statusCode());
        assertFalse(bad.body().contains("\tat ") || bad.body().contains("Exception"), bad.body());
    }

    @Test
    void unannotatedStateChangingMethodsAreAdminOnly() throws Exception {
        class Unannotated {
            @jakarta.ws.rs.POST
            public void change() {
            }

            @jakarta.ws.rs.GET
            public void read() {
            }
        }
        assertEquals(Role.ADMIN, AccessFeature.requiredRole(Unannotated.class,
                Unannotated.class.getMethod("change")).orElseThrow());
        assertEquals(Role.VIEWER, AccessFeature.requiredRole(Unannotated.class,
                Unannotated.class.getMethod("read")).orElseThrow());
        assertTrue(AccessFeature.requiredRole(HealthResource.class, HealthResource.class.getMethod("health"))
                .isEmpty());
    }
}
