import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load benchmark of the REST API: N concurrent clients search the results and poll the queue and
 * an experiment while that experiment's trials run in the server. Prints latency percentiles per
 * request kind and overall, and the error count (any non-2xx answer or I/O failure). The health
 * request is the floor in the same run: what the server, the network stack and this client cost
 * without any work behind the resource.
 *
 * <p>Single-file program (JDK only), run by {@code benchmarks/load/run.sh}:
 * {@code java LoadBench.java URL TOKEN_FILE SPEC [clients] [seconds] [thinkMillis]}. Each client
 * waits {@code thinkMillis} (default 200) between its requests, as a polling page or script does;
 * 0 makes it a closed loop that measures saturation rather than latency.
 */
public final class LoadBench {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern COUNTS = Pattern.compile("\"counts\"\\s*:\\s*(\\{[^}]*\\})");

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java LoadBench.java URL TOKEN_FILE SPEC [clients=50] [seconds=60] [thinkMillis=200]");
            System.exit(2);
        }
        String base = args[0].replaceAll("/$", "") + "/api/v1";
        String token = Files.readString(Path.of(args[1])).trim();
        String spec = Files.readString(Path.of(args[2]));
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        int thinkMillis = args.length > 5 ? Integer.parseInt(args[5]) : 200;

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(URI.create(base + "/experiments?name=load.yaml"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(spec)).build(), HttpResponse.BodyHandlers.ofString());
        if (submitted.statusCode() != 201) {
            throw new IllegalStateException("submitting the spec failed: " + submitted.statusCode() + " " + submitted.body());
        }
        Matcher m = ID.matcher(submitted.body());
        if (!m.find()) {
            throw new IllegalStateException("no experiment id in " + submitted.body());
        }
        String experiment = m.group(1);
        System.out.printf("experiment %s submitted; %d clients for %d s, each waiting %d ms between requests%n",
                experiment, clients, seconds, thinkMillis);

        String[] queries = {"", "protocol:holdout", "status:SUCCEEDED", "tag:synthetic", "plugin:item-knn"};
        Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
        AtomicInteger errors = new AtomicInteger();
        Map<String, AtomicInteger> errorKinds = new ConcurrentHashMap<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                List<String[]> mine = new ArrayList<>();
                int i = client;
                try {
                    while (System.nanoTime() < end) {
                        String kind;
                        String path;
                        switch (i++ % 5) {
                            case 0, 1 -> {
                                kind = "search";
                                String q = queries[i % queries.length];
                                path = "/runs?facet=protocol&facet=plugin&limit=20"
                                        + (q.isEmpty() ? "" : "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
                            }
                            case 2 -> {
                                kind = "health";
                                path = "/health";
                            }
                            case 3 -> {
                                kind = "queue";
                                path = "/queue";
                            }
                            default -> {
                                kind = "experiment";
                                path = "/experiments/" + experiment;
                            }
                        }
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() / 100 != 2) {
                                errors.incrementAndGet();
                                errorKinds.computeIfAbsent(kind + " " + r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                            errorKinds.computeIfAbsent(kind + " " + e.getClass().getSimpleName(), k -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                        long micros = (System.nanoTime() - t0) / 1000;
                        latencies.computeIfAbsent(kind, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(micros);
                        latencies.computeIfAbsent("all", k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(micros);
                        if (thinkMillis > 0) {
                            Thread.sleep(thinkMillis);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "client-" + c);
            t.setDaemon(true);
            t.start();
        }
        done.await();

        HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(base + "/experiments/" + experiment))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher counts = COUNTS.matcher(status.body());
        String states = counts.find() ? counts.group(1) : status.body();

        System.out.printf("%-11s %8s %9s %9s %9s %9s %8s%n", "request", "count", "p50 ms", "p90 ms", "p99 ms", "max ms", "req/s");
        for (String kind : new String[] {"health", "search", "queue", "experiment", "all"}) {
            List<Long> l = latencies.getOrDefault(kind, List.of());
            long[] a;
            synchronized (l) {
                a = l.stream().mapToLong(Long::longValue).toArray();
            }
            Arrays.sort(a);
            System.out.printf("%-11s %8d %9.1f %9.1f %9.1f %9.1f %8.0f%n", kind, a.length, pct(a, 0.50), pct(a, 0.90),
                    pct(a, 0.99), a.length == 0 ? Double.NaN : a[a.length - 1] / 1000.0, a.length / (double) seconds);
        }
        System.out.println("errors: " + errors.get() + (errorKinds.isEmpty() ? "" : " " + errorKinds));
        System.out.println("trials of the experiment by state at the end: " + states);
        System.exit(errors.get() == 0 ? 0 : 1);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
    }
}
