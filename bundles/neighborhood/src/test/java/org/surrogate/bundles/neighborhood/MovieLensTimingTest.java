package org.surrogate.bundles.neighborhood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.testkit.RecordingRunContext;

/**
 * Times training and scoring every user on MovieLens-100K (skipped when the file is absent). Prints
 * the figures; asserts only that every user is scored, since timings on a shared machine are noisy.
 */
class MovieLensTimingTest {

    private static final Path DATA = Path.of("/work/shared/datasets/ml-100k/u.data");

    private static Dataset load() throws IOException {
        List<String> lines = Files.readAllLines(DATA);
        DatasetBuilder b = Dataset.builder("ml-100k");
        for (int n = 0; n < lines.size(); n++) {
            String[] f = lines.get(n).split("\t");
            if (f.length != 4) {
                throw new IOException(DATA + ":" + (n + 1) + ": expected 4 tab-separated fields, found " + f.length);
            }
            b.add(f[0], f[1], Float.parseFloat(f[2]), Long.parseLong(f[3]));
        }
        return b.build();
    }

    @Test
    void timesItemKnnAndEaseOnMovieLens100k() throws IOException {
        assumeTrue(Files.exists(DATA), "skipped: " + DATA + " is absent");
        Dataset data = load();
        assertEquals(100_000, data.size());
        for (int round = 0; round < 3; round++) {
            time(new ItemKnnRecommender(), data, round);
            time(new EaseRecommender(), data, round);
            time(new UserKnnRecommender(), data, round);
        }
    }

    private static void time(Recommender r, Dataset data, int round) {
        long t0 = System.nanoTime();
        Model m = r.fit(data, r.descriptor().params().defaults(), new RecordingRunContext(1));
        long t1 = System.nanoTime();
        float[] scores = Fixtures.scoreAll(m, data.numUsers());
        long t2 = System.nanoTime();
        assertEquals((long) data.numUsers() * data.numItems(), scores.length);
        System.out.printf("ml-100k %s round %d: fit %.1f ms, score %d users %.1f ms, total %.1f ms%n",
                r.descriptor().id(), round, (t1 - t0) / 1e6, data.numUsers(), (t2 - t1) / 1e6, (t2 - t0) / 1e6);
    }
}
