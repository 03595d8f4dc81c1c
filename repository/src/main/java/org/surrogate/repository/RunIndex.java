package org.surrogate.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * The Lucene index over the runs: full text, keyword facets, numeric parameter and metric fields,
 * near-real-time search. It is derived from the {@link RunStore} and can be rebuilt from it at any
 * time ({@link #rebuild(RunStore, Consumer)}).
 *
 * <p>One {@link IndexWriter}; a {@link SearcherManager} gives near-real-time search: a search
 * first refreshes if anything was indexed since the last refresh, so a run is visible to the next
 * search after {@link #index(RunRecord)} returns, without a commit. Commits (what survives a crash)
 * are batched: a background thread commits at most once a second (by default) when something changed, at once
 * after {@value #COMMIT_EVERY_DOCS} uncommitted changes, and on {@link #close()}. The run directory
 * stays the source of truth: {@link RunRepository#open(Path)} re-indexes runs written since the
 * last commit.
 *
 * <p>For the query language, facets and sort keys see {@link SearchRequest}. Thread-safe.
 */
public final class RunIndex implements AutoCloseable {

    /** Uncommitted changes after which a commit is started without waiting for the timer. */
    public static final int COMMIT_EVERY_DOCS = 20_000;
    private static final String LAST_COMMIT_KEY = "surrogate.lastCommitMillis";
    private static final System.Logger LOG = System.getLogger(RunIndex.class.getName());
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-z0-9_.]+");
    private static final Pattern UNDERSCORE_AROUND_DOT = Pattern.compile("_*\\._*");
    private static final Pattern DOTS = Pattern.compile("\\.{2,}");

    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager manager;
    private final Analyzer analyzer = RunAnalyzers.perField();
    private final FacetsConfig facetsConfig = RunDocuments.newFacetsConfig();
    private final ObjectMapper mapper = Json.mapper();
    private final RunDocuments documents = new RunDocuments(facetsConfig, mapper);
    private final Searches searches = new Searches(facetsConfig, mapper);
    private final ScheduledExecutorService background;
    /** Refreshes, builds and warms snapshots; its own thread, so searches never wait behind a commit's fsync. */
    private final ScheduledExecutorService refresher;
    private final AtomicBoolean immediateRefreshQueued = new AtomicBoolean();
    private final Object refreshMonitor = new Object();
    private final ReentrantReadWriteLock rebuildLock = new ReentrantReadWriteLock();
    private final Object commitLock = new Object();
    private final AtomicLong changes = new AtomicLong();
    private final AtomicBoolean commitQueued = new AtomicBoolean();
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong refreshedAt = new AtomicLong();
    private volatile long committedAt;
    private volatile boolean rebuilding;
    private volatile Throwable backgroundFailure;

    /**
     * Opens the index in a folder, creating it if missing.
     *
     * @param path the index folder, e.g. {@code <data>/index}
     * @throws IOException if the index cannot be opened: locked by another process
     *                     ({@code LockObtainFailedException}), corrupt or of an unsupported
     *                     format ({@code CorruptIndexException}, {@code IndexFormatTooOldException},
     *                     ...)
     */
    public RunIndex(Path path) throws IOException {
        this(path, Duration.ofSeconds(1));
    }

    /**
     * Opens the index in a folder, creating it if missing, with a given commit interval.
     *
     * @param path        the index folder
     * @param commitEvery how often the background thread commits changes (at least 10 ms)
     * @throws IOException if the index cannot be opened (see {@link #RunIndex(Path)})
     * @throws IllegalArgumentException if the interval is shorter than 10 ms
     */
    public RunIndex(Path path, Duration commitEvery) throws IOException {
        if (commitEvery.toMillis() < 10) {
            throw new IllegalArgumentException("index: commit interval must be at least 10 ms, found "
                    + commitEvery.toMillis() + " ms");
        }
        this.path = path.toAbsolutePath();
        Files.createDirectories(this.path);
        this.directory = FSDirectory.open(this.path);
        IndexWriter w = null;
        try {
            IndexWriterConfig cfg = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(64);
            w = new IndexWriter(directory, cfg);
            this.writer = w;
            this.manager = new SearcherManager(w, true, true, null);
        } catch (IOException | RuntimeException e) {
            if (w != null) {
                w.rollback();
            }
            directory.close();
            throw e;
        }
        IndexSearcher s = manager.acquire();
        try {
            documents.learnKinds(FieldInfos.getMergedFieldInfos(s.getIndexReader()));
        } finally {
            manager.release(s);
        }
        background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "surrogate-index-commit " + this.path.getFileName());
            t.setDaemon(true);
            return t;
        });
        ScheduledThreadPoolExecutor refreshPool = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "surrogate-index-refresh " + this.path.getFileName());
            t.setDaemon(true);
            return t;
        });
        // close() must not interrupt a refresh: an interrupt during the NRT reader's flush closes the
        // channel under Lucene, which treats it as a tragedy and closes the writer before the last commit.
        // So close() shuts the pool down gently, and a refresh scheduled for later is simply dropped.
        refreshPool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        refresher = refreshPool;
        long every = commitEvery.toMillis();
        background.scheduleWithFixedDelay(this::backgroundCommit, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Whether a folder holds a Lucene index (a commit was made there).
     *
     * @param path the folder
     * @return true if an index exists
     * @throws IOException if the folder cannot be read
     */
    public static boolean exists(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Directory d = FSDirectory.open(path)) {
            return org.apache.lucene.index.DirectoryReader.indexExists(d);
        }
    }

    /**
     * Normalises a parameter or metric name into a field-name part: lower case (ROOT locale);
     * every run of characters outside {@code [a-z0-9_.]} becomes one {@code _}; {@code _} next to
     * a {@code .} is dropped; repeated dots become one; leading and trailing {@code _} and
     * {@code .} are removed. So {@code ndcg@10} and {@code NDCG@10} give {@code ndcg_10},
     * {@code Recall @ 20} gives {@code recall_20}, and
     * {@code slots.recommenders[0].params.factors} gives
     * {@code slots.recommenders_0.params.factors}. Parameters are indexed as
     * {@code param.<fieldName>}, metrics as {@code metric.<fieldName>}.
     *
     * @param name the name
     * @return the normalised name
     * @throws IllegalArgumentException if nothing is left (e.g. the name is {@code "@"})
     */
    public static String fieldName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("field name is null");
        }
        String s = NOT_ALLOWED.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("_");
        s = UNDERSCORE_AROUND_DOT.matcher(s).replaceAll(".");
        s = DOTS.matcher(s).replaceAll(".");
        int b = 0;
        int e = s.length();
        while (b < e && (s.charAt(b) == '_' || s.charAt(b) == '.')) {
            b++;
        }
        while (e > b && (s.charAt(e - 1) == '_' || s.charAt(e - 1) == '.')) {
            e--;
        }
        if (b == e) {
            throw new IllegalArgumentException("name '" + name + "' has no letter or digit; a parameter or metric "
                    + "name needs at least one of [a-z0-9]");
        }
        return s.substring(b, e);
    }

    /**
     * The index folder.
     *
     * @return its absolute path
     */
    public Path path() {
        return path;
    }

    /**
     * Adds or replaces a run (by id), without curves.
     *
     * @param r the run
     * @throws UncheckedIOException if the index cannot be written
     */
    public void index(RunRecord r) {
        index(r, null);
    }

    /**
     * Adds or replaces a run (by id), with {@code metric.<name>.min/.max} from its curves.
     *
     * @param r      the run
     * @param curves metric name to points {@code [step, value]}; null or empty for none
     * @throws UncheckedIOException if the index cannot be written
     */
    public void index(RunRecord r, Map<String, List<double[]>> curves) {
        rebuildLock.readLock().lock();
        try {
            write(r, curves);
        } finally {
            rebuildLock.readLock().unlock();
        }
    }

    private void write(RunRecord r, Map<String, List<double[]>> curves) {
        try {
            writer.updateDocument(new Term(RunDocuments.ID, r.id()), documents.build(r, curves));
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot index run '" + r.id() + "': " + e.getMessage(), e);
        }
        changed();
    }

    /**
     * Removes a run from the index.
     *
     * @param id the run id
     * @throws UncheckedIOException if the index cannot be written
     */
    public void delete(String id) {
        rebuildLock.readLock().lock();
        try {
            writer.deleteDocuments(new Term(RunDocuments.ID, id));
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot delete run '" + id + "': " + e.getMessage(), e);
        } finally {
            rebuildLock.readLock().unlock();
        }
        changed();
    }

    private void changed() {
        long n = changes.incrementAndGet();
        if (n - committedAt >= COMMIT_EVERY_DOCS && commitQueued.compareAndSet(false, true)) {
            background.execute(this::backgroundCommit);
        }
        // Refresh and build the new snapshot (field infos, facet state, match-all counts) on the
        // background thread right away, so that searches polling while runs finish do not pay for
        // it (they still refresh themselves if they come first).
        // 50 ms later, so that a burst of changes (a re-index, a grid's results) costs one refresh.
        if (refreshQueued.compareAndSet(false, true)) {
            try {
                refresher.schedule(this::backgroundRefresh, 50, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                refreshQueued.set(false); // closing: the last commit makes the change durable
            }
        }
    }

    private void backgroundRefresh() {
        refreshQueued.set(false);
        immediateRefreshQueued.set(false);
        if (rebuilding || closed.get()) {
            return;
        }
        try {
            Searches.Snapshot previous = searches.current();
            long n = changes.get();
            manager.maybeRefreshBlocking();
            IndexSearcher s = manager.acquire();
            try {
                Searches.Snapshot snap = searches.snapshot(s.getIndexReader());
                searches.warm(snap);
                if (previous != null && previous != snap) {
                    // The queries consoles were polling: answer (and serialise) them once here, so the
                    // searches waiting for this refresh find them ready instead of each computing them.
                    for (SearchRequest req : previous.hot(HOT_QUERIES)) {
                        if (closed.get()) {
                            break;
                        }
                        try {
                            answerOn(s, snap, req, System.nanoTime()).json(mapper, 0);
                        } catch (RuntimeException e) {
                            // a query that fails now fails for its next caller too, with its message
                        }
                    }
                }
            } finally {
                manager.release(s);
            }
            refreshedAt.accumulateAndGet(n, Math::max);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, path + ": background refresh failed (searches refresh themselves): "
                    + e.getMessage());
        } finally {
            synchronized (refreshMonitor) {
                refreshMonitor.notifyAll();
            }
        }
    }

    /** How many of the last snapshot's most asked queries a refresh answers before searches see it. */
    static final int HOT_QUERIES = 16;

    /**
     * Searches the runs.
     *
     * @param req the request
     * @return the total, the page of hits, the facet counts and the time taken
     * @throws InvalidQueryException    if the query cannot be parsed
     * @throws IllegalArgumentException for an unknown facet dimension or sort key
     * @throws UncheckedIOException     if the index cannot be read
     */
    public SearchResult search(SearchRequest req) {
        long t0 = System.nanoTime();
        SearchResult r = answer(req).result;
        return new SearchResult(r.total(), r.hits(), r.facets(), (System.nanoTime() - t0) / 1000);
    }

    /**
     * Searches, answering with the JSON of {@link #search(SearchRequest)}'s result
     * ({@code total}, {@code hits}, {@code facets}, {@code tookMicros}; times as ISO-8601 text).
     * Servers use it for pages that are polled: the body of a repeated request on the same
     * snapshot is serialised once.
     *
     * @param req the request
     * @return the UTF-8 JSON body
     * @throws InvalidQueryException    if the query cannot be parsed
     * @throws IllegalArgumentException for an unknown facet dimension or sort key
     * @throws UncheckedIOException     if the index cannot be read
     */
    public byte[] searchJson(SearchRequest req) {
        long t0 = System.nanoTime();
        Searches.Answer a = answer(req);
        try {
            return a.json(mapper, (System.nanoTime() - t0) / 1000);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": search result not serialisable: " + e.getMessage(), e);
        }
    }

    private Searches.Answer answer(SearchRequest req) {
        long t0 = System.nanoTime();
        for (String dim : req.facets()) {
            if (!RunDocuments.FACETS.contains(dim)) {
                throw new IllegalArgumentException("facet '" + dim + "' is unknown; facets are " + RunDocuments.FACETS);
            }
        }
        try {
            awaitFresh();
            IndexSearcher searcher = manager.acquire();
            try {
                return answerOn(searcher, searches.snapshot(searcher.getIndexReader()), req, t0);
            } finally {
                manager.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": search failed: " + e.getMessage(), e);
        }
    }

    private Searches.Answer answerOn(IndexSearcher searcher, Searches.Snapshot snap, SearchRequest req, long t0)
            throws IOException {
        // The same request on the same snapshot has the same answer (a snapshot never changes; the
        // next refresh makes a new one with an empty cache).
        Searches.Answer cached = snap.results().get(req);
        if (cached != null) {
            cached.asked();
            return cached;
        }
        Query query = RunQueries.parse(req.query(), analyzer, snap.doubles());
        Sort sort = RunQueries.sort(req.sort(), RunQueries.matchesAll(req.query()), snap.infos());
        int window = Math.max(1, req.offset() + req.limit());
        Searches.Answer answer = new Searches.Answer(searches.run(searcher, snap, query, sort, window, req, t0));
        answer.asked();
        if (snap.results().size() < Searches.CACHED_RESULTS) {
            Searches.Answer raced = snap.results().putIfAbsent(req, answer);
            return raced != null ? raced : answer;
        }
        return answer;
    }

    /**
     * Returns once the searcher includes every change made before the call. The refresh runs on
     * the refresher thread, once for all the searches waiting, which also answers the queries that
     * were being polled; a search does it itself only if that thread does not answer within 2 s.
     */
    private void awaitFresh() throws IOException {
        long wanted = changes.get();
        if (rebuilding || refreshedAt.get() >= wanted) {
            return;
        }
        if (immediateRefreshQueued.compareAndSet(false, true)) {
            try {
                refresher.execute(this::backgroundRefresh);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                immediateRefreshQueued.set(false);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        synchronized (refreshMonitor) {
            while (refreshedAt.get() < wanted && !rebuilding && !closed.get()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(refreshMonitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (!rebuilding && refreshedAt.get() < wanted) {
            refresh(); // the refresher did not answer in time: do it here
        }
    }

    /** Empties the current snapshot's result cache (benchmarks measure uncached searches with it). */
    void dropCachedResults() throws IOException {
        IndexSearcher searcher = manager.acquire();
        try {
            searches.snapshot(searcher.getIndexReader()).results().clear();
        } finally {
            manager.release(searcher);
        }
    }

    /**
     * Makes everything indexed so far visible to search (without committing).
     *
     * @throws IOException if the index cannot be read
     */
    public void refresh() throws IOException {
        long n = changes.get();
        manager.maybeRefreshBlocking();
        refreshedAt.accumulateAndGet(n, Math::max);
    }

    /**
     * Commits everything indexed so far: it survives a crash from now on.
     *
     * @throws IOException if the commit fails
     */
    public void commit() throws IOException {
        synchronized (commitLock) {
            long n = changes.get();
            if (n == committedAt && !writer.hasUncommittedChanges()) {
                return;
            }
            writer.setLiveCommitData(Map.of(LAST_COMMIT_KEY, Long.toString(System.currentTimeMillis())).entrySet());
            writer.commit();
            committedAt = n;
        }
    }

    private void backgroundCommit() {
        commitQueued.set(false);
        try {
            // A rebuild commits once, at its end: a commit halfway would publish a partial index.
            if (!rebuilding && changes.get() != committedAt) {
                commit(); // searches see changes through the refresher, which warms each snapshot first
            }
        } catch (IOException | RuntimeException e) {
            // Nobody waits on this thread: keep the failure for close() and say so loudly now.
            backgroundFailure = e;
            LOG.log(System.Logger.Level.ERROR, path + ": background commit failed; changes since the last commit "
                    + "are re-indexed from the run directories at the next start", e);
        }
    }

    /**
     * When the last commit was made, as recorded in it.
     *
     * @return the time, or null if the index has no commit made by this class
     */
    public Instant lastCommit() {
        for (Map.Entry<String, String> e : writer.getLiveCommitData()) {
            if (LAST_COMMIT_KEY.equals(e.getKey())) {
                return Instant.ofEpochMilli(Long.parseLong(e.getValue()));
            }
        }
        return null;
    }

    /**
     * The number of runs in the index, as search sees it now.
     *
     * @return the count
     * @throws UncheckedIOException if the index cannot be read
     */
    public int count() {
        try {
            awaitFresh();
            IndexSearcher s = manager.acquire();
            try {
                return s.getIndexReader().numDocs();
            } finally {
                manager.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The ids of every run in the index, as search sees it now.
     *
     * @return the ids
     * @throws UncheckedIOException if the index cannot be read
     */
    public Set<String> ids() {
        try {
            awaitFresh();
            IndexSearcher s = manager.acquire();
            try {
                Set<String> ids = new HashSet<>();
                for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                    SortedDocValues dv = leaf.reader().getSortedDocValues(RunDocuments.ID);
                    Bits live = leaf.reader().getLiveDocs();
                    if (dv == null) {
                        continue;
                    }
                    for (int d = dv.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = dv.nextDoc()) {
                        if (live == null || live.get(d)) {
                            ids.add(dv.lookupOrd(dv.ordValue()).utf8ToString());
                        }
                    }
                }
                return ids;
            } finally {
                manager.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Empties the index and indexes every run of a store again, with its curves. A run whose
     * {@code run.json} is missing or corrupt is reported and skipped; unreadable curves are
     * reported and the run is indexed without them. Calls to {@link #index} wait until the
     * rebuild ends; searches meanwhile see the index as it was before. Commits at the end.
     *
     * @param store    the run directories
     * @param problems receives one message per problem
     * @return the number of runs indexed
     * @throws UncheckedIOException if the index cannot be written
     */
    public int rebuild(RunStore store, Consumer<String> problems) {
        rebuildLock.writeLock().lock();
        rebuilding = true;
        int n = 0;
        try {
            writer.deleteAll();
            documents.forgetKinds();
            for (String id : store.ids()) {
                RunRecord r = store.tryRead(id, problems);
                if (r == null) {
                    continue;
                }
                Map<String, List<double[]>> curves;
                try {
                    curves = store.readCurves(id);
                } catch (UncheckedIOException e) {
                    problems.accept(e.getMessage() + "; run indexed without curves");
                    curves = Map.of();
                }
                write(r, curves);
                n++;
            }
            commit();
            rebuilding = false;
            refresh();
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": rebuild failed after " + n + " runs: " + e.getMessage(), e);
        } finally {
            rebuilding = false;
            rebuildLock.writeLock().unlock();
        }
    }

    /**
     * Stops the background commits, commits, and closes the index.
     *
     * @throws IOException if the final commit or close fails, or a background commit failed
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        refresher.shutdown(); // not shutdownNow: see the constructor
        synchronized (refreshMonitor) {
            refreshMonitor.notifyAll();
        }
        background.shutdown();
        try {
            refresher.awaitTermination(30, TimeUnit.SECONDS);
            if (!background.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, path + ": background commit still running after 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Directory d = directory; IndexWriter w = writer; SearcherManager m = manager) {
            commit();
        }
        Throwable failure = backgroundFailure;
        if (failure != null) {
            throw new IOException(path + ": a background commit failed earlier: " + failure.getMessage(), failure);
        }
    }

    /** Stats for reports: index size on disk in bytes. */
    long sizeOnDisk() throws IOException {
        long total = 0;
        for (String f : directory.listAll()) {
            try {
                total += directory.fileLength(f);
            } catch (java.nio.file.NoSuchFileException e) {
                // a merge deleted it while we listed: it no longer takes space
            }
        }
        return total;
    }

}
