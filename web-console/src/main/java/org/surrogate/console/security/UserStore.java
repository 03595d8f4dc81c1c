package org.surrogate.console.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The users and API tokens of a server, kept in one JSON file ({@code <data>/users.json}) that is
 * rewritten atomically, with mode 600, on every change. Passwords are stored as bcrypt hashes, API
 * tokens as the SHA-256 of the token (a token is shown once, when it is created, and cannot be
 * recovered). Every method is thread-safe.
 *
 * <pre>{@code
 * UserStore users = UserStore.open(data.resolve("users.json"), secrets, 10, Clock.systemUTC());
 * users.create("ada", "correct horse battery", Role.RESEARCHER);
 * Optional<UserInfo> who = users.authenticate("ada", "correct horse battery");
 * }</pre>
 */
public final class UserStore {

    /** The shortest password accepted. */
    public static final int MIN_PASSWORD_CHARS = 8;

    /** The longest password accepted, in UTF-8 bytes: bcrypt ignores everything past 72. */
    public static final int MAX_PASSWORD_BYTES = 72;

    /** What every API token starts with, so that a leaked one is easy to recognise. */
    public static final String TOKEN_PREFIX = "sgt_";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,31}");
    private static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final Secrets secrets;
    private final int bcryptCost;
    private final Clock clock;
    /** Checked against when a user does not exist, so that a wrong name costs as long as a wrong password. */
    private final String dummyHash;
    private final Map<String, StoredUser> users = new LinkedHashMap<>();
    /** By the SHA-256 of the token. */
    private final Map<String, StoredToken> tokens = new LinkedHashMap<>();

    private UserStore(Path file, Secrets secrets, int bcryptCost, Clock clock) {
        this.file = file;
        this.secrets = secrets;
        this.bcryptCost = bcryptCost;
        this.clock = clock;
        this.dummyHash = BCrypt.hashpw(secrets.token(16), BCrypt.gensalt(bcryptCost, secrets.random()));
    }

    /**
     * Opens the store, reading the file if it exists (an absent file is an empty store, written at
     * the first change).
     *
     * @param file       the file, such as {@code <data>/users.json}
     * @param secrets    the source of salts and tokens
     * @param bcryptCost the bcrypt cost (log2 of the rounds), in [4, 31]; 10 by default
     * @param clock      the clock for creation times
     * @return the store
     * @throws IOException if the file cannot be read
     * @throws IllegalStateException if the file is not a valid users file, naming it
     */
    public static UserStore open(Path file, Secrets secrets, int bcryptCost, Clock clock) throws IOException {
        Objects.requireNonNull(file, "file");
        if (bcryptCost < 4 || bcryptCost > 31) {
            throw new IllegalArgumentException("bcryptCost must be in [4, 31], found " + bcryptCost);
        }
        UserStore store = new UserStore(file, Objects.requireNonNull(secrets, "secrets"), bcryptCost,
                Objects.requireNonNull(clock, "clock"));
        if (Files.exists(file)) {
            store.load();
        }
        return store;
    }

    private void load() throws IOException {
        UsersFile f;
        try {
            f = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), UsersFile.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(file + ": not a valid users file (" + e.getOriginalMessage() + "); restore"
                    + " it from a backup, or move it away to start again with a new initial admin", e);
        }
        if (f.version() != FORMAT_VERSION) {
            throw new IllegalStateException(file + ": format version " + f.version() + " is not supported (expected "
                    + FORMAT_VERSION + ")");
        }
        f.users().forEach(u -> users.put(u.name(), u));
        f.tokens().forEach(t -> tokens.put(t.sha256(), t));
    }

    private void save() {
        List<StoredUser> u = new ArrayList<>(users.values());
        List<StoredToken> t = new ArrayList<>(tokens.values());
        try {
            Secrets.writePrivate(file, JSON.writeValueAsBytes(new UsersFile(FORMAT_VERSION, u, t)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether no user exists yet (the first start of a server).
     *
     * @return true if the store is empty
     */
    public synchronized boolean isEmpty() {
        return users.isEmpty();
    }

    /**
     * Every user, sorted by name.
     *
     * @return the users, without their hashes
     */
    public synchronized List<UserInfo> list() {
        return users.values().stream().map(StoredUser::info).sorted(Comparator.comparing(UserInfo::name)).toList();
    }

    /**
     * One user.
     *
     * @param name the name
     * @return the user, or empty if there is none of that name
     */
    public synchronized Optional<UserInfo> find(String name) {
        return Optional.ofNullable(name == null ? null : users.get(name)).map(StoredUser::info);
    }

    /**
     * Creates a user.
     *
     * @param name     the name: 1 to 32 characters, lower-case letters, digits, '.', '_' or '-',
     *                 starting with a letter
     * @param password the password, at least {@value #MIN_PASSWORD_CHARS} characters and at most
     *                 {@value #MAX_PASSWORD_BYTES} bytes in UTF-8
     * @param role     the role
     * @return the new user
     * @throws IllegalArgumentException if the name or password is not acceptable
     * @throws IllegalStateException if the user exists
     */
    public UserInfo create(String name, String password, Role role) {
        checkName(name);
        Objects.requireNonNull(role, "role");
        String hash = hash(password);
        synchronized (this) {
            if (users.containsKey(name)) {
                throw new IllegalStateException("user '" + name + "' exists already; change the password with POST"
                        + " /api/v1/users/" + name + "/password");
            }
            StoredUser u = new StoredUser(name, role, hash, clock.instant());
            users.put(name, u);
            save();
            return u.info();
        }
    }

    /**
     * Deletes a user and every API token of theirs.
     *
     * @param name the user
     * @throws NoSuchElementException if there is no such user
     * @throws IllegalStateException if it is the last admin
     */
    public synchronized void delete(String name) {
        StoredUser u = require(name);
        if (u.role() == Role.ADMIN && users.values().stream().filter(x -> x.role() == Role.ADMIN).count() == 1) {
            throw new IllegalStateException("user '" + name + "' is the last admin; create another admin first");
        }
        users.remove(name);
        tokens.values().removeIf(t -> t.user().equals(name));
        save();
    }

    /**
     * Sets a user's password.
     *
     * @param name     the user
     * @param password the new password (see {@link #create})
     * @throws NoSuchElementException if there is no such user
     * @throws IllegalArgumentException if the password is not acceptable
     */
    public void setPassword(String name, String password) {
        String hash = hash(password);
        synchronized (this) {
            StoredUser u = require(name);
            users.put(name, new StoredUser(u.name(), u.role(), hash, u.created()));
            save();
        }
    }

    /**
     * Changes a user's role. Takes effect on their next request (sessions and tokens look the role
     * up every time).
     *
     * @param name the user
     * @param role the new role
     * @return the user with the new role
     * @throws NoSuchElementException if there is no such user
     * @throws IllegalStateException if it would leave no admin
     */
    public synchronized UserInfo setRole(String name, Role role) {
        Objects.requireNonNull(role, "role");
        StoredUser u = require(name);
        if (u.role() == Role.ADMIN && role != Role.ADMIN
                && users.values().stream().filter(x -> x.role() == Role.ADMIN).count() == 1) {
            throw new IllegalStateException("user '" + name + "' is the last admin; make another user admin first");
        }
        StoredUser changed = new StoredUser(u.name(), role, u.passwordHash(), u.created());
        users.put(name, changed);
        save();
        return changed.info();
    }

    /**
     * Checks a user's password. Takes as long for an unknown user as for a wrong password.
     *
     * @param name     the user name
     * @param password the password
     * @return the user if the password is theirs, else empty
     */
    public Optional<UserInfo> authenticate(String name, String password) {
        StoredUser u;
        synchronized (this) {
            u = name == null ? null : users.get(name);
        }
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return Optional.empty();
        }
        boolean ok = BCrypt.checkpw(password, u == null ? dummyHash : u.passwordHash());
        return ok && u != null ? find(name) : Optional.empty();
    }

    /**
     * Creates an API token for a user. The token itself is returned here once and never stored.
     *
     * @param user  the user
     * @param label what the token is for, such as {@code "laptop"}; may be null
     * @return the token with its description
     * @throws NoSuchElementException if there is no such user
     */
    public synchronized CreatedToken createToken(String user, String label) {
        require(user);
        String name = label == null || label.isBlank() ? "token" : label.strip();
        if (name.length() > 64) {
            throw new IllegalArgumentException("token name: expected at most 64 characters, found " + name.length());
        }
        String token = TOKEN_PREFIX + secrets.token(32);
        StoredToken t = new StoredToken(secrets.hexId(6), user, name, Secrets.sha256(token), clock.instant());
        tokens.put(t.sha256(), t);
        save();
        return new CreatedToken(t.id(), t.user(), t.name(), t.created(), token);
    }

    /**
     * The user an API token belongs to.
     *
     * @param token the token as sent by a client
     * @return the user, or empty if the token is unknown or revoked or its user deleted
     */
    public synchronized Optional<UserInfo> userForToken(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        StoredToken t = tokens.get(Secrets.sha256(token));
        return t == null ? Optional.empty() : find(t.user());
    }

    /**
     * API tokens, without their secrets, oldest first.
     *
     * @param user only this user's, or null for everyone's
     * @return the tokens
     */
    public synchronized List<TokenInfo> tokens(String user) {
        return tokens.values().stream().filter(t -> user == null || t.user().equals(user))
                .map(StoredToken::info).toList();
    }

    /**
     * Revokes an API token.
     *
     * @param id the token's id
     * @return the revoked token
     * @throws NoSuchElementException if there is no such token
     */
    public synchronized TokenInfo revokeToken(String id) {
        StoredToken t = tokens.values().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no API token '" + id + "'; GET /api/v1/tokens lists"
                        + " them"));
        tokens.remove(t.sha256());
        save();
        return t.info();
    }

    private StoredUser require(String name) {
        StoredUser u = name == null ? null : users.get(name);
        if (u == null) {
            throw new NoSuchElementException("no user '" + name + "'; GET /api/v1/users lists them");
        }
        return u;
    }

    private String hash(String password) {
        checkPassword(password);
        return BCrypt.hashpw(password, BCrypt.gensalt(bcryptCost, secrets.random()));
    }

    /**
     * Checks a user name.
     *
     * @param name the name
     * @throws IllegalArgumentException if it is not acceptable
     */
    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name: expected 1 to 32 characters (lower-case letters, digits,"
                    + " '.', '_' or '-', starting with a letter), found '" + name + "'");
        }
    }

    /**
     * Checks a new password.
     *
     * @param password the password
     * @throws IllegalArgumentException if it is too short or too long
     */
    public static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_CHARS) {
            throw new IllegalArgumentException("password: expected at least " + MIN_PASSWORD_CHARS
                    + " characters, found "
                    + (password == null ? 0 : password.length()));
        }
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("password: expected at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8"
                    + " (bcrypt ignores the rest), found " + bytes);
        }
    }

    /**
     * A user as the API shows it.
     *
     * @param name    the name
     * @param role    the role
     * @param created when the user was created
     */
    public record UserInfo(String name, Role role, Instant created) {
    }

    /**
     * An API token as the API shows it, without its secret.
     *
     * @param id      the token's id, to revoke it
     * @param user    whose it is
     * @param name    what it is for
     * @param created when it was created
     */
    public record TokenInfo(String id, String user, String name, Instant created) {
    }

    /**
     * A token just created: the only time its secret is shown.
     *
     * @param id      the token's id
     * @param user    whose it is
     * @param name    what it is for
     * @param created when it was created
     * @param token   the secret to send as {@code Authorization: Bearer TOKEN}
     */
    public record CreatedToken(String id, String user, String name, Instant created, String token) {
    }

    /** A user as stored. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StoredUser(String name, Role role, String passwordHash, Instant created) {
        UserInfo info() {
            return new UserInfo(name, role, created);
        }
    }

    /** A token as stored: only the SHA-256 of its secret. */
    record StoredToken(String id, String user, String name, String sha256, Instant created) {
        TokenInfo info() {
            return new TokenInfo(id, user, name, created);
        }
    }

    /** The file's content. */
    record UsersFile(int version, List<StoredUser> users, List<StoredToken> tokens) {
        UsersFile {
            users = users == null ? List.of() : List.copyOf(users);
            tokens = tokens == null ? List.of() : List.copyOf(tokens);
        }
    }
}
