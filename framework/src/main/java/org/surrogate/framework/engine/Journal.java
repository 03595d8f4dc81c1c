package org.surrogate.framework.engine;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The scheduler's write-ahead log: one JSON entry per line in {@code <data>/queue/journal.jsonl},
 * each appended and forced to disk before the change it records takes effect. Replaying it after a
 * crash restores the queue; a torn last line (the crash hit mid-write) is reported and ignored.
 * {@link #compact} rewrites it atomically with only what is still live.
 */
final class Journal implements AutoCloseable {

    /** One change of the scheduler's state. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Submitted.class, name = "submitted"),
        @JsonSubTypes.Type(value = TrialChanged.class, name = "trial"),
        @JsonSubTypes.Type(value = ExperimentChanged.class, name = "experiment"),
        @JsonSubTypes.Type(value = CronFired.class, name = "cron")})
    sealed interface Entry permits Submitted, TrialChanged, ExperimentChanged, CronFired {
    }

    /** An experiment and its trials were submitted. */
    record Submitted(ExperimentInfo experiment, List<TrialDef> trials) implements Entry {
    }

    /** A trial changed state. */
    record TrialChanged(String runId, TrialState state, int attempt, String message, Instant at) implements Entry {
    }

    /** An experiment changed state. */
    record ExperimentChanged(String experimentId, ExperimentState state, Instant at) implements Entry {
    }

    /** A scheduled experiment fired (its child was submitted) at a time. */
    record CronFired(String experimentId, Instant at) implements Entry {
    }

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The longest a trial state change waits in the operating system before it is forced to disk. */
    static final long GROUP_COMMIT_MILLIS = 20;
    private static final java.util.concurrent.ScheduledExecutorService FLUSHER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "surrogate-journal-flush");
                t.setDaemon(true);
                return t;
            });

    private final Path file;
    private boolean dirty;
    private FileChannel channel;
    private long appended;

    Journal(Path dir) throws IOException {
        Files.createDirectories(dir);
        this.file = dir.resolve("journal.jsonl");
        this.channel = open();
        // A crash mid-append leaves a torn last line: end it, so the next entry starts a line of its own.
        long size = channel.size();
        if (size > 0) {
            ByteBuffer last = ByteBuffer.allocate(1);
            try (FileChannel r = FileChannel.open(file, StandardOpenOption.READ)) {
                r.read(last, size - 1);
            }
            if (last.get(0) != '\n') {
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
                channel.force(false);
            }
        }
    }

    private FileChannel open() throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    Path file() {
        return file;
    }

    /**
     * Reads every entry. Lines that cannot be read are reported with their number and skipped.
     *
     * @param problems receives one message per unreadable line
     * @return the entries in order
     */
    List<Entry> replay(Consumer<String> problems) throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(JSON.readValue(line, Entry.class));
                } catch (JsonProcessingException e) {
                    problems.accept(file + ":" + n + ": unreadable journal entry skipped ("
                            + e.getOriginalMessage() + ")");
                }
            }
        }
        return out;
    }

    /**
     * Appends an entry and forces it to disk before returning.
     *
     * @param e the entry
     */
    synchronized void append(Entry e) {
        append(e, true);
    }

    /**
     * Appends an entry. The write reaches the operating system at once, so a killed process loses
     * nothing; with {@code force} false it reaches the disk with the next forced append or within
     * {@link #GROUP_COMMIT_MILLIS} (group commit), so a power cut may lose the last few
     * milliseconds of trial state changes: those trials then run again.
     *
     * @param e     the entry
     * @param force whether to force it to disk before returning
     */
    synchronized void append(Entry e, boolean force) {
        try {
            byte[] line = (JSON.writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.wrap(line);
            while (b.hasRemaining()) {
                channel.write(b);
            }
            if (force) {
                channel.force(false);
                dirty = false;
            } else if (!dirty) {
                dirty = true;
                FLUSHER.schedule(this::flush, GROUP_COMMIT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            appended++;
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the scheduler journal " + file, ex);
        }
    }

    private synchronized void flush() {
        if (dirty && channel.isOpen()) {
            try {
                channel.force(false);
            } catch (IOException ex) {
                System.getLogger(Journal.class.getName()).log(System.Logger.Level.WARNING,
                        "cannot force the scheduler journal " + file + " to disk", ex);
            }
        }
        dirty = false;
    }

    /** Entries appended since the last compaction. */
    synchronized long appendedSinceCompaction() {
        return appended;
    }

    /**
     * Replaces the journal with the given entries: written to a temporary file, forced, and renamed
     * over the journal, so a crash leaves either the old or the new journal.
     *
     * @param live the entries that describe the live state
     */
    synchronized void compact(List<Entry> live) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (Entry e : live) {
                ByteBuffer b = ByteBuffer.wrap((JSON.writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8));
                while (b.hasRemaining()) {
                    c.write(b);
                }
            }
            c.force(true);
        }
        channel.close();
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel d = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // some file systems cannot sync a directory
        }
        channel = open();
        appended = 0;
    }

    @Override
    public synchronized void close() {
        flush();
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to flush: every append was forced
        }
    }
}
