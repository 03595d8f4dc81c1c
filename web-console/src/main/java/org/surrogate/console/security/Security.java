package org.surrogate.console.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The security state of a server on its data folder: users and tokens ({@code users.json}),
 * sessions, the login rate limit, the audit log ({@code audit.log}), and who started each single
 * trial. On the first start (no {@code users.json}) it creates the user {@code admin} with a random
 * password in {@code secrets/initial-admin-password} and an admin API token in
 * {@code secrets/cli-token}, both mode 600 in a mode-700 folder, for the command line on the same
 * machine.
 *
 * <pre>{@code
 * try (Security security = Security.open(dataDir, SecuritySettings.defaults())) {
 *     security.initialAdminPasswordFile().ifPresent(f -> System.err.println("password in " + f));
 * }
 * }</pre>
 */
public final class Security implements AutoCloseable {

    /** The users file, in the data folder. */
    public static final String USERS_FILE = "users.json";
    /** The audit log, in the data folder. */
    public static final String AUDIT_FILE = "audit.log";
    /** The folder of secrets, in the data folder. */
    public static final String SECRETS_DIR = "secrets";
    /** The initial admin password file, in {@link #SECRETS_DIR}. */
    public static final String INITIAL_ADMIN_PASSWORD = "initial-admin-password";
    /** The command line's admin API token, in {@link #SECRETS_DIR}. */
    public static final String CLI_TOKEN = "cli-token";
    /** The name of the user created on the first start. */
    public static final String INITIAL_ADMIN = "admin";

    private final SecuritySettings settings;
    private final UserStore users;
    private final SessionStore sessions;
    private final LoginLimiter limiter;
    private final AuditLog audit;
    private final Clock clock;
    private final Path initialAdminPasswordFile;
    private final Map<String, String> trialOwners = new ConcurrentHashMap<>();

    private Security(SecuritySettings settings, UserStore users, SessionStore sessions, LoginLimiter limiter,
                     AuditLog audit, Clock clock, Path initialAdminPasswordFile) {
        this.settings = settings;
        this.users = users;
        this.sessions = sessions;
        this.limiter = limiter;
        this.audit = audit;
        this.clock = clock;
        this.initialAdminPasswordFile = initialAdminPasswordFile;
    }

    /**
     * Opens the security state of a data folder, creating the initial admin on the first start.
     *
     * @param dataDir  the data folder
     * @param settings the limits
     * @return the security state
     * @throws IOException if its files cannot be read or written
     */
    public static Security open(Path dataDir, SecuritySettings settings) throws IOException {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(settings, "settings");
        Clock clock = Clock.systemUTC();
        Secrets secrets = new Secrets(new SecureRandom());
        Path data = dataDir.toAbsolutePath().normalize();
        UserStore users = UserStore.open(data.resolve(USERS_FILE), secrets, settings.bcryptCost(), clock);
        AuditLog audit = new AuditLog(data.resolve(AUDIT_FILE));
        Path passwordFile = null;
        if (users.isEmpty()) {
            try {
                passwordFile = createInitialAdmin(data, users, secrets, audit, clock);
            } catch (IOException | RuntimeException e) {
                audit.close();
                throw e;
            }
        }
        return new Security(settings, users, new SessionStore(secrets, clock, settings.sessionIdle(),
                settings.sessionMaxAge()), new LoginLimiter(settings.loginFailures(), settings.loginWindow(), clock),
                audit, clock, passwordFile);
    }

    private static Path createInitialAdmin(Path data, UserStore users, Secrets secrets, AuditLog audit, Clock clock)
            throws IOException {
        Path dir = data.resolve(SECRETS_DIR);
        Secrets.createPrivateDirectory(dir);
        String password = secrets.token(18);
        // The file first: a crash before users.json is written leaves no admin whose password is lost.
        Path passwordFile = dir.resolve(INITIAL_ADMIN_PASSWORD);
        Secrets.writePrivate(passwordFile, (password + "\n").getBytes(StandardCharsets.UTF_8));
        users.create(INITIAL_ADMIN, password, Role.ADMIN);
        UserStore.CreatedToken token = users.createToken(INITIAL_ADMIN, "cli (created at first start)");
        Secrets.writePrivate(dir.resolve(CLI_TOKEN), (token.token() + "\n").getBytes(StandardCharsets.UTF_8));
        audit.record(new AuditLog.Entry(clock.instant(), "system", "create initial admin", INITIAL_ADMIN, null, "ok",
                null, "password in " + passwordFile + ", CLI token " + token.id() + " in " + dir.resolve(CLI_TOKEN)));
        return passwordFile;
    }

    /**
     * The initial admin's password file, if this start created it.
     *
     * @return the file, or empty if the users existed already
     */
    public Optional<Path> initialAdminPasswordFile() {
        return Optional.ofNullable(initialAdminPasswordFile);
    }

    /**
     * The limits.
     *
     * @return the settings
     */
    public SecuritySettings settings() {
        return settings;
    }

    /**
     * The users and API tokens.
     *
     * @return the store
     */
    public UserStore users() {
        return users;
    }

    /**
     * The browser sessions.
     *
     * @return the store
     */
    public SessionStore sessions() {
        return sessions;
    }

    /**
     * The login rate limit.
     *
     * @return the limiter
     */
    public LoginLimiter limiter() {
        return limiter;
    }

    /**
     * The audit log.
     *
     * @return the log
     */
    public AuditLog audit() {
        return audit;
    }

    /**
     * The clock of the audit entries.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Records who started a single trial, so that only they (or an admin) may cancel it.
     *
     * @param trialId the trial
     * @param user    who started it
     */
    public void trialStarted(String trialId, String user) {
        trialOwners.put(trialId, user);
    }

    /**
     * Who started a single trial through the API.
     *
     * @param trialId the trial
     * @return the user, or empty if it was not started through the API of this server
     */
    public Optional<String> trialOwner(String trialId) {
        return Optional.ofNullable(trialOwners.get(trialId));
    }

    @Override
    public void close() {
        audit.close();
    }
}
