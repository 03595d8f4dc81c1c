package org.surrogate.console.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The audit log: one JSON line per state change or attempt ({@code <data>/audit.log}), appended and
 * forced to disk before the answer leaves, never rewritten.
 *
 * <pre>{@code
 * {"time":"2025-05-01T09:30:00Z","user":"ada","action":"POST /api/v1/experiments","target":"experiments",
 *  "status":201,"outcome":"ok","address":"127.0.0.1"}
 * }</pre>
 */
public final class AuditLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final System.Logger LOG = System.getLogger(AuditLog.class.getName());

    private final Path file;
    private final FileChannel channel;

    /**
     * Opens the log for appending, creating it (mode 600) if needed.
     *
     * @param file the file, such as {@code <data>/audit.log}
     * @throws IOException if it cannot be opened
     */
    public AuditLog(Path file) throws IOException {
        this.file = Objects.requireNonNull(file, "file");
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!Files.exists(file)) {
            Secrets.writePrivate(file, new byte[0]);
        }
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /**
     * Appends an entry and forces it to disk.
     *
     * @param entry the entry
     * @throws UncheckedIOException if it cannot be written
     */
    public synchronized void record(Entry entry) {
        try {
            ByteBuffer line = ByteBuffer.wrap((JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit log " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The last entries, newest first. A line that is not a valid entry (a torn write after a crash)
     * is skipped and logged.
     *
     * @param limit how many at most
     * @param user  only this user's, or null for all
     * @return the entries
     * @throws IOException if the file cannot be read
     */
    public List<Entry> last(int limit, String user) throws IOException {
        Deque<Entry> out = new ArrayDeque<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                Entry e;
                try {
                    e = JSON.readValue(line, Entry.class);
                } catch (IOException bad) {
                    LOG.log(System.Logger.Level.WARNING, file + ":" + lineNo + ": skipped, not an audit entry: "
                            + bad.getMessage());
                    continue;
                }
                if (user == null || user.equals(e.user())) {
                    out.addFirst(e);
                    if (out.size() > limit) {
                        out.removeLast();
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot close the audit log " + file + ": " + e.getMessage());
        }
    }

    /**
     * One audit entry.
     *
     * @param time    when
     * @param user    who: the authenticated user, {@code anonymous}, or {@code system} for the server itself
     * @param action  what: the method and path template, such as {@code DELETE /api/v1/bundles/{symbolicName}}
     * @param target  on what: the request path under {@code /api/v1}, or a user name for a login
     * @param status  the HTTP status answered, or null for an action of the server itself
     * @param outcome {@code ok}, {@code denied} (401, 403, 429), {@code refused} (other 4xx) or {@code error}
     * @param address the client's address, or null
     * @param detail  the error message of a refusal, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(Instant time, String user, String action, String target, Integer status, String outcome,
                        String address, String detail) {

        /** Checks the required fields. */
        public Entry {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(outcome, "outcome");
        }

        /**
         * The outcome of an HTTP status.
         *
         * @param status the status
         * @return ok, denied, refused or error
         */
        public static String outcomeOf(int status) {
            if (status < 400) {
                return "ok";
            }
            if (status == 401 || status == 403 || status == 429) {
                return "denied";
            }
            return status < 500 ? "refused" : "error";
        }
    }
}
