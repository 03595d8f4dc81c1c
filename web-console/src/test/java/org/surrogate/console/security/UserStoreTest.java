package org.surrogate.console.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserStoreTest {

    private static UserStore open(Path file) throws Exception {
        return UserStore.open(file, new Secrets(new SecureRandom()), 4, Clock.systemUTC());
    }

    @Test
    void keepsUsersAndTokensAcrossRestartsHashedOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.json");
        UserStore store = open(file);
        store.create("ada", "ada-password", Role.RESEARCHER);
        String token = store.createToken("ada", "laptop").token();
        String json = Files.readString(file);
        assertFalse(json.contains("ada-password"));
        assertFalse(json.contains(token));
        assertTrue(json.contains(Secrets.sha256(token)));

        UserStore again = open(file);
        assertEquals("ada", again.authenticate("ada", "ada-password").orElseThrow().name());
        assertTrue(again.authenticate("ada", "wrong-password").isEmpty());
        assertTrue(again.authenticate("nobody", "ada-password").isEmpty());
        assertEquals(Role.RESEARCHER, again.userForToken(token).orElseThrow().role());
        assertTrue(again.userForToken(token + "x").isEmpty());
    }

    @Test
    void rejectsBadNamesAndPasswordsWithTheRule(@TempDir Path dir) throws Exception {
        UserStore store = open(dir.resolve("users.json"));
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> store.create("Ada Lovelace", "ada-password", Role.VIEWER));
        assertEquals("user name: expected 1 to 32 characters (lower-case letters, digits, '.', '_' or '-', starting"
                + " with a letter), found 'Ada Lovelace'", name.getMessage());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> store.create("ada", "x".repeat(73), Role.VIEWER));
        assertEquals("password: expected at most 72 bytes in UTF-8 (bcrypt ignores the rest), found 73",
                tooLong.getMessage());
        assertTrue(store.isEmpty(), "nothing was created");
    }

    @Test
    void refusesAFileThatIsNotAUsersFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.json");
        Files.writeString(file, "{\"version\": 1, \"users\": [");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> open(file));
        assertTrue(e.getMessage().startsWith(file + ": not a valid users file ("), e.getMessage());
    }
}
