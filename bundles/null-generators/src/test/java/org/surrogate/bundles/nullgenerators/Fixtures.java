package org.surrogate.bundles.nullgenerators;

import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.Plugin;

/** Reference datasets and checks shared by the generator tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** Validated parameters of a plugin. */
    static Params params(Plugin plugin, Map<String, ?> values) {
        return plugin.descriptor().params().validate(values, "");
    }

    /**
     * Two clusters of users, each preferring its half of the items: user u (cluster u % 2) has 3 to 3 + spread
     * distinct items, 90% from its half by Zipf weights (exponent 1), 10% from anywhere; ratings 1 to 5,
     * timestamps.
     */
    static Dataset clustered(int users, int items, int spread, long seed) {
        Random rng = new Random(seed);
        int half = items / 2;
        double[] cdf = new double[half];
        double total = 0;
        for (int r = 0; r < half; r++) {
            total += 1.0 / (r + 1);
            cdf[r] = total;
        }
        DatasetBuilder b = Dataset.builder("clustered", users, items);
        for (int u = 0; u < users; u++) {
            int d = 3 + rng.nextInt(spread + 1);
            Set<Integer> chosen = new HashSet<>();
            while (chosen.size() < d) {
                int item;
                if (rng.nextDouble() < 0.9) {
                    double x = rng.nextDouble() * total;
                    int r = 0;
                    while (cdf[r] < x) {
                        r++;
                    }
                    item = (u % 2) * half + r;
                } else {
                    item = rng.nextInt(items);
                }
                if (chosen.add(item)) {
                    b.add(u, item, 1 + rng.nextInt(5), 1_000L * u + chosen.size());
                }
            }
        }
        return b.build();
    }

    /** Asserts no user has an item twice; returns the dataset. */
    static Dataset noDuplicates(Dataset data) {
        for (int u = 0; u < data.numUsers(); u++) {
            Set<Integer> seen = new HashSet<>();
            for (int k = data.begin(u); k < data.end(u); k++) {
                if (!seen.add(data.item(k))) {
                    throw new AssertionError("user " + u + " has item " + data.item(k) + " twice");
                }
            }
        }
        return data;
    }
}
