package org.surrogate.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The run directories, the source of truth of the results repository. Layout under the root
 * (e.g. {@code <data>/runs}):
 *
 * <pre>
 * &lt;root&gt;/&lt;runId&gt;/run.json       the {@link RunRecord}
 * &lt;root&gt;/&lt;runId&gt;/metrics.json   curves: metric name -&gt; [[step, value], ...]
 * &lt;root&gt;/&lt;runId&gt;/log.txt        the run's log
 * &lt;root&gt;/&lt;runId&gt;/artifacts/     files the run produced
 * </pre>
 *
 * Every write goes through {@link AtomicFiles}: a reader, or the server after a crash, sees the
 * old file or the new one, never a torn one. Thread-safe; concurrent writes of the same run are
 * last-writer-wins.
 */
public final class RunStore {

    /** Name of the file holding the {@link RunRecord}. */
    public static final String RUN_FILE = "run.json";
    /** Name of the file holding the metric curves. */
    public static final String METRICS_FILE = "metrics.json";
    /** Name of the run's log file. */
    public static final String LOG_FILE = "log.txt";
    /** Name of the run's artifact folder. */
    public static final String ARTIFACTS_DIR = "artifacts";

    private static final TypeReference<LinkedHashMap<String, List<double[]>>> CURVES =
            new TypeReference<>() {
            };

    private final Path root;
    private final ObjectMapper mapper = Json.mapper();

    /**
     * Opens (and creates if missing) the store at a folder.
     *
     * @param root the folder holding one directory per run
     * @throws UncheckedIOException if the folder cannot be created
     */
    public RunStore(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException(this.root + ": cannot create the runs folder: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that a run id can be used as a directory name: 1 to 200 characters, no {@code /},
     * {@code \}, {@code ..}, control characters, and not starting with {@code .}.
     *
     * @param id the id
     * @return the id
     * @throws IllegalArgumentException if it is not a safe file name
     */
    public static String checkId(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("run id is empty; give a non-empty id such as 'exp1-t0001'");
        }
        String rule = null;
        if (id.length() > 200) {
            rule = "is longer than 200 characters";
        } else if (id.contains("/") || id.contains("\\")) {
            rule = "contains a path separator";
        } else if (id.contains("..")) {
            rule = "contains '..'";
        } else if (id.startsWith(".")) {
            rule = "starts with '.'";
        } else if (id.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == ':')) {
            rule = "contains a control character or ':'";
        }
        if (rule != null) {
            throw new IllegalArgumentException("run id '" + id + "' " + rule
                    + "; a run id must be a safe file name (letters, digits, '-', '_', '.')");
        }
        return id;
    }

    /**
     * The root folder.
     *
     * @return the absolute path
     */
    public Path root() {
        return root;
    }

    /**
     * A run's directory (which may not exist yet).
     *
     * @param id the run id
     * @return {@code <root>/<id>}
     * @throws IllegalArgumentException if the id is not a safe file name
     */
    public Path dir(String id) {
        return root.resolve(checkId(id));
    }

    /**
     * Writes a run's {@code run.json} atomically, creating its directory.
     *
     * @param r the run
     * @throws UncheckedIOException if writing fails; the previous file is then unchanged
     */
    public void write(RunRecord r) {
        Path file = dir(r.id()).resolve(RUN_FILE);
        try {
            AtomicFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(r));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a run's {@code run.json}.
     *
     * @param id the run id
     * @return the run, or empty if it has no {@code run.json}
     * @throws UncheckedIOException if the file exists but cannot be read or parsed; the message
     *                              starts with the file name
     */
    public Optional<RunRecord> read(String id) {
        Path file = dir(id).resolve(RUN_FILE);
        try {
            return Optional.of(parse(file, id));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private RunRecord parse(Path file, String id) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        RunRecord r;
        try {
            r = mapper.readValue(bytes, RunRecord.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": " + e.getOriginalMessage() + locationOf(e), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            // Jackson wraps constructor failures, but a record validation may still surface bare.
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        if (r == null) {
            throw new IOException(file + ": is empty (JSON null)");
        }
        if (!r.id().equals(id)) {
            throw new IOException(file + ": holds run id '" + r.id() + "' but lies in directory '" + id
                    + "'; rename the directory or fix the id");
        }
        return r;
    }

    private static String locationOf(JsonProcessingException e) {
        var loc = e.getLocation();
        return loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    /**
     * Writes a run's metric curves atomically.
     *
     * @param id     the run id
     * @param curves metric name to points {@code [step, value]}
     * @throws IllegalArgumentException if a point does not have exactly two numbers
     * @throws UncheckedIOException     if writing fails
     */
    public void writeCurves(String id, Map<String, List<double[]>> curves) {
        Path file = dir(id).resolve(METRICS_FILE);
        for (Map.Entry<String, List<double[]>> e : curves.entrySet()) {
            for (double[] p : e.getValue()) {
                if (p == null || p.length != 2) {
                    throw new IllegalArgumentException("run '" + id + "': curve '" + e.getKey()
                            + "' has a point that is not [step, value]");
                }
            }
        }
        try {
            AtomicFiles.write(file, mapper.writeValueAsBytes(curves));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a run's metric curves.
     *
     * @param id the run id
     * @return metric name to points {@code [step, value]}, in file order; empty if the run has no
     *         {@code metrics.json}
     * @throws UncheckedIOException if the file exists but cannot be read or parsed
     */
    public Map<String, List<double[]>> readCurves(String id) {
        Path file = dir(id).resolve(METRICS_FILE);
        try {
            Map<String, List<double[]>> curves = mapper.readValue(Files.readAllBytes(file), CURVES);
            return curves == null ? Map.of() : Collections.unmodifiableMap(curves);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(new IOException(file + ": " + e.getOriginalMessage() + locationOf(e), e));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a run directory with everything in it. The directory is first renamed to a hidden
     * name (atomic), so a crash midway leaves no half-deleted run that {@link #scan} would see.
     *
     * @param id the run id
     * @return true if the run existed
     * @throws UncheckedIOException if it cannot be deleted
     */
    public boolean delete(String id) {
        Path dir = dir(id);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        Path trash = root.resolve(".deleted-" + id + "-" + System.nanoTime());
        try {
            Files.move(dir, trash, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            try (Stream<Path> walk = Files.walk(trash)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot delete: " + e.getMessage(), e);
        }
    }

    /**
     * The ids of every run directory, sorted. Hidden entries and plain files are skipped.
     *
     * @return the ids
     * @throws UncheckedIOException if the root cannot be listed
     */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .forEach(ids::add);
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot list: " + e.getMessage(), e);
        }
        Collections.sort(ids);
        return ids;
    }

    /**
     * Reads every run, in id order, lazily. A directory whose {@code run.json} is missing,
     * unreadable or corrupt is reported to {@code problems} (file name and the parser's message,
     * with line and column) and skipped; scanning never fails because of one run.
     *
     * @param problems receives one message per skipped directory
     * @return the readable runs
     */
    public Stream<RunRecord> scan(Consumer<String> problems) {
        return ids().stream().map(id -> tryRead(id, problems)).filter(Objects::nonNull);
    }

    /**
     * Reads one run, reporting instead of throwing.
     *
     * @param id       the run id
     * @param problems receives the problem, if any
     * @return the run, or null if it is missing or corrupt
     */
    RunRecord tryRead(String id, Consumer<String> problems) {
        Path file;
        try {
            file = dir(id).resolve(RUN_FILE);
        } catch (IllegalArgumentException e) {
            problems.accept(root.resolve(id) + ": skipped: " + e.getMessage());
            return null;
        }
        try {
            return parse(file, id);
        } catch (NoSuchFileException e) {
            problems.accept(file + ": missing; run directory skipped");
        } catch (IOException e) {
            String msg = e.getMessage() != null && e.getMessage().startsWith(file.toString())
                    ? e.getMessage() : file + ": cannot read: " + e;
            problems.accept(msg + "; run skipped");
        }
        return null;
    }
}
