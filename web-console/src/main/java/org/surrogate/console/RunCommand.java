package org.surrogate.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.List;
import java.util.concurrent.Callable;
import org.surrogate.framework.SurrogateHost;
import org.surrogate.framework.engine.ExperimentState;
import org.surrogate.framework.engine.ExperimentStatus;
import org.surrogate.framework.engine.TrialInfo;
import org.surrogate.framework.engine.TrialState;
import org.surrogate.repository.RunRecord;
import org.surrogate.repository.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code surrogate run SPEC}: runs an experiment spec in this process (or submits it to a server
 * with {@code --server}), shows a progress bar, and prints the results table.
 */
@Command(name = "run", description = {"Runs an experiment spec (YAML or JSON) and prints its results table.",
    "In this process by default, on the data folder --data; with --server URL the server runs it."})
final class RunCommand implements Callable<Integer> {

    /** How long the event stream may stay silent before it counts as broken (heartbeats come every 15 s). */
    static final long STREAM_STALL_MILLIS = 45_000;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "The experiment spec file (see examples/specs/).")
    private Path specFile;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data",
            description = "The data folder (runs, index, queue), as for serve (default: ${DEFAULT-VALUE}).")
    private Path data;

    @Option(names = "--home", paramLabel = "DIR", description = "The distribution folder (as for serve).")
    private Path home;

    @Option(names = "--server", paramLabel = "URL",
            description = "Submit to the server at URL instead of running in this process.")
    private String server;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = "${sys:user.name}",
            description = "Who submits it when it runs in this process; the scheduler shares the machine fairly"
                    + " between users (default: ${DEFAULT-VALUE}). With --server, the token's user submits it.")
    private String user;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The API token to send (default: $SURROGATE_TOKEN, else DATA/secrets/cli-token when it"
                    + " exists).")
    private String token;

    @Override
    public Integer call() throws Exception {
        String text;
        try {
            text = Files.readString(specFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(specFile + ": no such file");
        }
        String name = specFile.getFileName().toString();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<RunRecord> runs = server != null ? viaServer(text, name, err) : inProcess(text, name, err);
        ResultsTable.print(runs, out);
        return runs.stream().allMatch(r -> r.status() == RunStatus.SUCCEEDED) ? 0 : 1;
    }

    private List<RunRecord> inProcess(String text, String name, PrintWriter err) throws Exception {
        try (SurrogateHost host = LocalHost.start(home, data)) {
            // The data folder's queue resumes with the host: say so, rather than run them unannounced.
            List<String> resumed = host.scheduler().experiments().stream()
                    .filter(e -> e.state() == ExperimentState.ACTIVE).map(e -> e.info().id()).toList();
            if (!resumed.isEmpty()) {
                err.println("note: " + data + " has " + resumed.size() + " unfinished experiment(s) from an earlier "
                        + "process (" + String.join(", ", resumed) + "); their trials resume in this process next to "
                        + "this one. Use another --data folder to run alone, or serve this one to pause or cancel them.");
            }
            ExperimentStatus s = host.scheduler().submit(text, name, user);
            String id = s.info().id();
            err.println("experiment " + id + ": " + s.info().trialCount() + " trials; runs in " + data.resolve("runs"));
            Progress bar = new Progress(err, s.info().trialCount());
            while (true) {
                ExperimentStatus now = host.scheduler().experiment(id).orElseThrow();
                double running = 0;
                for (TrialInfo t : host.scheduler().trialsOf(id)) {
                    if (t.state() == TrialState.RUNNING) {
                        running += t.progress();
                    }
                }
                int done = ended(now);
                bar.show(done, running, now.counts().getOrDefault(TrialState.RUNNING, 0));
                if (now.state() == ExperimentState.FINISHED || now.state() == ExperimentState.CANCELLED) {
                    bar.end();
                    break;
                }
                Thread.sleep(250);
            }
            List<RunRecord> runs = new ArrayList<>();
            for (int i = 0; i < s.info().trialCount(); i++) {
                host.runs().get(id + "-" + String.format("%05d", i)).ifPresent(runs::add);
            }
            return runs;
        }
    }

    private List<RunRecord> viaServer(String text, String name, PrintWriter err) throws Exception {
        ConsoleClient client = ConsoleClient.connect(server, token, data);
        JsonNode submitted = client.post("experiments?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), text,
                "application/yaml");
        String id = submitted.path("info").path("id").asText();
        int count = submitted.path("info").path("trialCount").asInt();
        err.println("experiment " + id + " submitted to " + server + ": " + count + " trials");
        Progress bar = new Progress(err, count);
        boolean ended = false;
        try {
            ended = followEvents(client, id, bar);
        } catch (ClientException | IOException e) {
            err.println("the server's event stream failed (" + e.getMessage() + "); polling it instead");
        }
        if (!ended) {
            poll(client, id, bar);
        }
        List<RunRecord> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode r = client.get("runs/" + id + "-" + String.format("%05d", i));
            runs.add(Cli.JSON.treeToValue(r.path("run"), RunRecord.class));
        }
        return runs;
    }

    /**
     * Follows an experiment through the server's event stream ({@code GET /api/v1/events}) until it
     * ends: the state as of now from {@code GET /api/v1/experiments/ID}, then trial, progress and
     * experiment events. A stream silent for longer than {@link #STREAM_STALL_MILLIS} (the server
     * sends a heartbeat every 15 s) counts as broken.
     *
     * @return true if the experiment ended, false if the server closed the stream first
     * @throws IOException if the stream breaks
     * @throws ClientException if the server refuses it
     */
    private boolean followEvents(ConsoleClient client, String id, Progress bar) throws IOException,
            InterruptedException {
        InputStream in = client.openEventStream("events?experiment=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        AtomicLong lastActivity = new AtomicLong(System.nanoTime());
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "surrogate-run-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(() -> {
            if (System.nanoTime() - lastActivity.get() > STREAM_STALL_MILLIS * 1_000_000L) {
                try {
                    in.close(); // the reader then fails, and the caller falls back to polling
                } catch (IOException e) {
                    // closing a dead stream: nothing more to do
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
        try (SseReader events = new SseReader(in, () -> lastActivity.set(System.nanoTime()))) {
            Map<String, String> states = new HashMap<>();
            Map<String, Double> progress = new HashMap<>();
            // Subscribed first, then the state as of now: no change is missed in between.
            JsonNode view = client.get("experiments/" + id);
            for (JsonNode t : view.path("trials")) {
                apply(states, progress, t.path("runId").asText(), t.path("state").asText(), t.path("progress").asDouble());
            }
            JsonNode exp = view.path("experiment");
            if (ended(exp.path("state").asText())) {
                bar.show(endedCount(exp.path("counts")), 0, 0);
                bar.end();
                return true;
            }
            show(bar, states, progress);
            for (SseReader.Event e = events.next(); e != null; e = events.next()) {
                JsonNode d = Cli.JSON.readTree(e.data());
                switch (e.name()) {
                    case "trial" -> apply(states, progress, d.path("runId").asText(), d.path("state").asText(),
                            d.path("progress").asDouble());
                    case "progress" -> {
                        String run = d.path("runId").asText();
                        if ("RUNNING".equals(states.get(run))) {
                            progress.put(run, d.path("fraction").asDouble());
                        }
                    }
                    case "experiment" -> {
                        if (ended(d.path("state").asText())) {
                            bar.show(endedCount(d.path("counts")), 0, 0);
                            bar.end();
                            return true;
                        }
                    }
                    default -> {
                        // metric points and future event types
                    }
                }
                show(bar, states, progress);
            }
            return false;
        } finally {
            watchdog.shutdownNow();
        }
    }

    /** Applies a trial's new state; a terminal state is never undone by an older event. */
    private static void apply(Map<String, String> states, Map<String, Double> progress, String runId, String state,
                              double fraction) {
        String old = states.get(runId);
        if (old != null && terminal(old) && !terminal(state)) {
            return;
        }
        states.put(runId, state);
        if ("RUNNING".equals(state)) {
            progress.put(runId, fraction);
        } else {
            progress.remove(runId);
        }
    }

    private static void show(Progress bar, Map<String, String> states, Map<String, Double> progress) {
        int done = 0;
        for (String s : states.values()) {
            if (terminal(s)) {
                done++;
            }
        }
        double running = progress.values().stream().mapToDouble(Double::doubleValue).sum();
        bar.show(done, running, progress.size());
    }

    private static boolean terminal(String trialState) {
        for (TrialState t : TrialState.values()) {
            if (t.name().equals(trialState)) {
                return t.terminal();
            }
        }
        return false;
    }

    private static boolean ended(String experimentState) {
        return "FINISHED".equals(experimentState) || "CANCELLED".equals(experimentState);
    }

    private static int endedCount(JsonNode counts) {
        int done = 0;
        for (String st : new String[] {"SUCCEEDED", "FAILED", "CANCELLED", "INTERRUPTED"}) {
            done += counts.path(st).asInt(0);
        }
        return done;
    }

    /** Polls the experiment every second until it ends (without an event stream). */
    private static void poll(ConsoleClient client, String id, Progress bar) throws InterruptedException {
        while (true) {
            JsonNode view = client.get("experiments/" + id);
            JsonNode exp = view.path("experiment");
            double running = 0;
            int runningCount = 0;
            for (JsonNode t : view.path("trials")) {
                if ("RUNNING".equals(t.path("state").asText())) {
                    running += t.path("progress").asDouble();
                    runningCount++;
                }
            }
            int done = 0;
            for (String st : new String[] {"SUCCEEDED", "FAILED", "CANCELLED", "INTERRUPTED"}) {
                done += exp.path("counts").path(st).asInt(0);
            }
            bar.show(done, running, runningCount);
            String state = exp.path("state").asText();
            if ("FINISHED".equals(state) || "CANCELLED".equals(state)) {
                bar.end();
                break;
            }
            Thread.sleep(1000);
        }
    }

    private static int ended(ExperimentStatus s) {
        int n = 0;
        for (var e : s.counts().entrySet()) {
            if (e.getKey().terminal()) {
                n += e.getValue();
            }
        }
        return n;
    }

    /** A progress bar on a terminal; on a pipe, a line whenever another tenth of the trials ends. */
    static final class Progress {
        private final PrintWriter err;
        private final int total;
        private final boolean terminal = System.console() != null;
        private int lastTenth = -1;

        Progress(PrintWriter err, int total) {
            this.err = err;
            this.total = Math.max(1, total);
        }

        void show(int done, double runningProgress, int running) {
            double fraction = Math.min(1, (done + runningProgress) / total);
            if (terminal) {
                int filled = (int) Math.round(fraction * 30);
                err.print("\r[" + "#".repeat(filled) + "-".repeat(30 - filled) + "] "
                        + String.format("%3d%%", Math.round(fraction * 100)) + "  " + done + "/" + total
                        + " trials ended, " + running + " running   ");
                err.flush();
            } else {
                int tenth = (int) (10.0 * done / total);
                if (tenth != lastTenth) {
                    lastTenth = tenth;
                    err.println(done + "/" + total + " trials ended, " + running + " running");
                    err.flush();
                }
            }
        }

        void end() {
            if (terminal) {
                err.println();
            }
            err.flush();
        }
    }
}
