package org.surrogate.bundles.privacy;

import java.util.Map;
import java.util.Random;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.Plugin;

/** Datasets and parameters shared by the mechanism tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** Validated parameters of a plugin. */
    static Params params(Plugin plugin, Map<String, ?> values) {
        return plugin.descriptor().params().validate(values, "");
    }

    /** Every user rates {@code perUser} distinct random items with the same value, with timestamps. */
    static Dataset constantRatings(int users, int items, int perUser, float value, long seed) {
        Random rng = new Random(seed);
        DatasetBuilder b = Dataset.builder("constant", users, items);
        for (int u = 0; u < users; u++) {
            int start = rng.nextInt(items);
            for (int k = 0; k < perUser; k++) {
                b.add(u, (start + k * 7) % items, value, 1_000L * u + k);
            }
        }
        return b.build();
    }

    /** Users with a random number (1 to 2 * mean) of distinct random items, value 1, no timestamps. */
    static Dataset implicit(int users, int items, int mean, long seed) {
        Random rng = new Random(seed);
        DatasetBuilder b = Dataset.builder("implicit", users, items);
        for (int u = 0; u < users; u++) {
            int n = 1 + rng.nextInt(2 * mean);
            int user = u;
            rng.ints(0, items).distinct().limit(n).forEach(i -> b.add(user, i, 1f));
        }
        return b.build();
    }

    /** Whether two datasets have the same users, items, timestamps and order, ignoring values. */
    static boolean sameStructure(Dataset a, Dataset b) {
        if (a.numUsers() != b.numUsers() || a.numItems() != b.numItems() || a.size() != b.size()
                || a.hasTimestamps() != b.hasTimestamps()) {
            return false;
        }
        for (int u = 0; u < a.numUsers(); u++) {
            if (a.begin(u) != b.begin(u)) {
                return false;
            }
        }
        for (int k = 0; k < a.size(); k++) {
            if (a.item(k) != b.item(k) || (a.hasTimestamps() && a.timestamp(k) != b.timestamp(k))) {
                return false;
            }
        }
        return true;
    }
}
