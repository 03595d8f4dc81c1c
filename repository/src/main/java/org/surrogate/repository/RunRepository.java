package org.surrogate.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * The results repository: run directories on disk (the truth) plus the Lucene index over them.
 * The server's one entry point for storing, finding, comparing and exporting runs.
 *
 * <pre>{@code
 * try (RunRepository repo = RunRepository.open(dataDir)) {
 *     repo.save(run);                                    // run.json, then the index
 *     repo.saveCurves(run.id(), Map.of("ndcg@10", points));
 *     SearchResult r = repo.search(new SearchRequest(
 *             "protocol:holdout AND plugin:(als OR bpr) AND metric.ndcg_10:[0.3 TO *]",
 *             List.of("plugin", "status"), "-metric.ndcg_10", 0, 20));
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class RunRepository implements AutoCloseable {

    /** Export formats. */
    public enum Format {
        /** RFC 4180 CSV, one row per run; see {@link #export}. */
        CSV,
        /** A JSON array of the full run records. */
        JSON
    }

    /**
     * How far before the last index commit a run file may have been written and still be missing
     * from that commit (it is written first, indexed a moment later): generous, re-indexing a few
     * runs too many costs little.
     */
    private static final long RECONCILE_MARGIN_MILLIS = 60_000;
    private static final System.Logger LOG = System.getLogger(RunRepository.class.getName());

    private final RunStore store;
    private final RunIndex index;
    private final ObjectMapper mapper = Json.mapper();

    /**
     * Combines a store and an index (which this repository then owns and closes).
     *
     * @param store the run directories
     * @param index the index over them
     */
    public RunRepository(RunStore store, RunIndex index) {
        this.store = Objects.requireNonNull(store, "store");
        this.index = Objects.requireNonNull(index, "index");
    }

    /**
     * Opens the repository of a data folder: runs in {@code <dataDir>/runs}, the index in
     * {@code <dataDir>/index}, both created if missing. If the index is missing, or unreadable
     * (corrupt, or written by an incompatible Lucene), it is rebuilt from the run directories and
     * the log says so. Otherwise runs written after the index's last commit (e.g. before a crash)
     * are re-indexed, and indexed runs whose directory is gone are removed.
     *
     * @param dataDir the data folder
     * @return the open repository
     * @throws IllegalStateException if another process holds the index's lock
     * @throws UncheckedIOException  if the folders cannot be created or the index written
     */
    public static RunRepository open(Path dataDir) {
        RunStore store = new RunStore(dataDir.resolve("runs"));
        Path indexDir = dataDir.resolve("index").toAbsolutePath();
        try {
            boolean existed = RunIndex.exists(indexDir);
            RunIndex index;
            try {
                index = new RunIndex(indexDir);
            } catch (LockObtainFailedException e) {
                throw new IllegalStateException(indexDir + ": the index is locked by another process ("
                        + e.getMessage() + "); stop the other server using " + dataDir, e);
            } catch (IOException | IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, indexDir + ": the index is unreadable (" + e
                        + "); deleting it and rebuilding it from " + store.root());
                deleteIndexFiles(indexDir);
                existed = false;
                index = new RunIndex(indexDir);
            }
            RunRepository repo = new RunRepository(store, index);
            try {
                repo.catchUp(existed);
            } catch (IOException | RuntimeException e) {
                index.close();
                throw e;
            }
            return repo;
        } catch (IOException e) {
            throw new UncheckedIOException(indexDir + ": cannot open the index: " + e.getMessage(), e);
        }
    }

    private void catchUp(boolean existed) throws IOException {
        if (existed) {
            reconcile();
            return;
        }
        LOG.log(System.Logger.Level.INFO, index.path() + ": no index; rebuilding it from " + store.root());
        RebuildReport report = rebuildIndex();
        LOG.log(System.Logger.Level.INFO, index.path() + ": rebuilt: " + report.indexed() + " runs in "
                + report.millis() + " ms, " + report.problems().size() + " skipped");
    }

    private static void deleteIndexFiles(Path indexDir) throws IOException {
        try (Stream<Path> files = Files.list(indexDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.delete(f);
                }
            }
        }
    }

    /**
     * Brings the index in line with the run directories after a restart: re-indexes runs that
     * are missing from it or whose files changed since shortly before its last commit; removes
     * runs whose directory is gone.
     */
    private void reconcile() throws IOException {
        Instant last = index.lastCommit();
        long since = last == null ? Long.MIN_VALUE : last.toEpochMilli() - RECONCILE_MARGIN_MILLIS;
        Set<String> indexed = index.ids();
        List<String> onDisk = store.ids();
        List<String> problems = new ArrayList<>();
        int reindexed = 0;
        for (String id : onDisk) {
            if (!indexed.contains(id) || modifiedSince(id, since)) {
                RunRecord r = store.tryRead(id, problems::add);
                if (r != null) {
                    index.index(r, curvesOrNone(id, problems::add));
                    reindexed++;
                }
            }
        }
        Set<String> disk = new HashSet<>(onDisk);
        int removed = 0;
        for (String id : indexed) {
            if (!disk.contains(id)) {
                index.delete(id);
                removed++;
            }
        }
        if (reindexed > 0 || removed > 0) {
            index.commit();
            LOG.log(System.Logger.Level.INFO, index.path() + ": caught up with " + store.root() + ": "
                    + reindexed + " runs re-indexed, " + removed + " removed");
        }
        problems.forEach(p -> LOG.log(System.Logger.Level.WARNING, p));
    }

    private boolean modifiedSince(String id, long since) throws IOException {
        for (String f : new String[] {RunStore.RUN_FILE, RunStore.METRICS_FILE}) {
            try {
                if (Files.getLastModifiedTime(store.dir(id).resolve(f)).toMillis() >= since) {
                    return true;
                }
            } catch (NoSuchFileException e) {
                // no such file, nothing changed there
            }
        }
        return false;
    }

    private Map<String, List<double[]>> curvesOrNone(String id, Consumer<String> problems) {
        try {
            return store.readCurves(id);
        } catch (UncheckedIOException e) {
            problems.accept(e.getMessage() + "; run indexed without curves");
            return Map.of();
        }
    }

    /**
     * The run directories.
     *
     * @return the store
     */
    public RunStore store() {
        return store;
    }

    /**
     * The index.
     *
     * @return the index
     */
    public RunIndex index() {
        return index;
    }

    /**
     * Writes a run's {@code run.json} atomically, then indexes it (with the min/max of its curves
     * on disk, if any). Visible to the next search.
     *
     * @param r the run
     * @throws UncheckedIOException if writing fails (then nothing was indexed)
     */
    public void save(RunRecord r) {
        store.write(r);
        index.index(r, curvesOrNone(r.id(), p -> LOG.log(System.Logger.Level.WARNING, p)));
    }

    /**
     * Writes a run's curves atomically and, if the run exists, re-indexes it with their min/max.
     *
     * @param id     the run id
     * @param curves metric name to points {@code [step, value]}
     * @throws UncheckedIOException if writing fails
     */
    public void saveCurves(String id, Map<String, List<double[]>> curves) {
        store.writeCurves(id, curves);
        store.read(id).ifPresent(r -> index.index(r, curves));
    }

    /**
     * Deletes a run: its directory, then its index entry.
     *
     * @param id the run id
     * @return true if the run existed on disk
     * @throws UncheckedIOException if the directory cannot be deleted
     */
    public boolean delete(String id) {
        boolean existed = store.delete(id);
        index.delete(id);
        return existed;
    }

    /**
     * Reads a run from its directory.
     *
     * @param id the run id
     * @return the run, or empty if there is none
     * @throws UncheckedIOException if its {@code run.json} is unreadable
     */
    public Optional<RunRecord> get(String id) {
        return store.read(id);
    }

    /**
     * Reads a run's curves.
     *
     * @param id the run id
     * @return metric name to points; empty if none
     */
    public Map<String, List<double[]>> curves(String id) {
        return store.readCurves(id);
    }

    /**
     * Searches the index; see {@link SearchRequest} for the query language.
     *
     * @param req the request
     * @return the result
     * @throws InvalidQueryException if the query cannot be parsed
     */
    public SearchResult search(SearchRequest req) {
        return index.search(req);
    }

    /**
     * Searches the index, answering with the result's JSON (see {@link RunIndex#searchJson}).
     *
     * @param req the request
     * @return the UTF-8 JSON body
     * @throws InvalidQueryException if the query cannot be parsed
     */
    public byte[] searchJson(SearchRequest req) {
        return index.searchJson(req);
    }

    /**
     * Rebuilds the index from the run directories; corrupt runs are reported and skipped.
     *
     * @return what was indexed and what was skipped
     */
    public RebuildReport rebuildIndex() {
        long t0 = System.nanoTime();
        List<String> problems = new ArrayList<>();
        int n = index.rebuild(store, problems::add);
        problems.forEach(p -> LOG.log(System.Logger.Level.WARNING, p));
        return new RebuildReport(n, problems, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Compares runs field by field; see {@link Comparison}.
     *
     * @param ids the runs, at least one
     * @return the comparison
     * @throws IllegalArgumentException if the list is empty or a run does not exist
     */
    public Comparison compare(List<String> ids) {
        return Comparison.of(load(ids));
    }

    /**
     * Exports runs. CSV: one row per run, columns {@code id, experiment, user, status, protocol,
     * seed, fingerprint}, then {@code param.<name>} and {@code metric.<name>} for every parameter
     * and metric of any of the runs (RFC 4180 quoting, UTF-8, CRLF). JSON: an array of the run
     * records. The stream is flushed, not closed.
     *
     * @param ids    the runs, in output order
     * @param format CSV or JSON
     * @param out    where to write
     * @throws IllegalArgumentException if a run does not exist
     * @throws IOException              if writing fails
     */
    public void export(List<String> ids, Format format, OutputStream out) throws IOException {
        List<RunRecord> runs = load(ids);
        if (format == Format.CSV) {
            CsvExport.write(runs, out);
        } else {
            mapper.writerWithDefaultPrettyPrinter().writeValue(out, runs);
            out.flush();
        }
    }

    private List<RunRecord> load(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("no run ids given; name at least one run");
        }
        List<RunRecord> runs = new ArrayList<>();
        for (String id : ids) {
            runs.add(store.read(id).orElseThrow(() -> new IllegalArgumentException("run '" + id
                    + "' does not exist in " + store.root())));
        }
        return runs;
    }

    /**
     * Closes the index (committing it).
     *
     * @throws IOException if the final commit fails
     */
    @Override
    public void close() throws IOException {
        index.close();
    }
}
