package org.surrogate.bundles.sequential;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.testkit.RecordingRunContext;

/**
 * Benchmark (not a unit test): fits a sequential model repeatedly in one process and prints the
 * resident memory after each fit, so a native-memory leak shows as a steady climb (heap stays under
 * -Xmx). Data: 900 Markov-walk users, 1,600 items, 40 steps; 2 epochs, maxLength 30, sizes 64.
 *
 * <pre>
 * mvn -o -q -f bundles/sequential/pom.xml dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt \
 *     -Dmdep.includeScope=test
 * OMP_NUM_THREADS=1 java -Xmx1g -cp "bundles/sequential/target/test-classes:bundles/sequential/target/classes:$(cat /tmp/cp.txt)" \
 *     org.surrogate.bundles.sequential.FitMemoryBenchmark narm,gru4rec,stamp,sasrec 10
 * </pre>
 */
public final class FitMemoryBenchmark {
    private FitMemoryBenchmark() {
    }

    static long rssMb() throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    /**
     * Runs it.
     *
     * @param args the models (comma-separated) and the number of fits
     * @throws Exception if /proc cannot be read
     */
    public static void main(String[] args) throws Exception {
        Dataset data = Fixtures.markovWalks(900, 1600, 40, 0.5, 1);
        for (String model : args[0].split(",")) {
            Recommender r = switch (model) {
                case "gru4rec" -> new Gru4RecRecommender();
                case "narm" -> new NarmRecommender();
                case "stamp" -> new StampRecommender();
                default -> new SasrecRecommender();
            };
            Params p = r.descriptor().params().validate(Map.of("epochs", 2, "maxLength", 30, "embeddingSize", 64,
                    "hiddenSize", 64), "");
            System.err.println(model + " start rss " + rssMb() + " MB");
            for (int k = 0; k < Integer.parseInt(args[1]); k++) {
                long t = System.nanoTime();
                r.fit(data, p, new RecordingRunContext(k));
                System.gc();
                System.err.printf("%s fit %d: rss %d MB (%.1f s)%n", model, k, rssMb(), (System.nanoTime() - t) / 1e9);
            }
        }
    }
}
