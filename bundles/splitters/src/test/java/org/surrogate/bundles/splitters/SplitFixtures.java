package org.surrogate.bundles.splitters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.Plugin;
import org.surrogate.api.split.Split;

/** Datasets and checks shared by the splitter tests. */
final class SplitFixtures {

    private SplitFixtures() {
    }

    /**
     * 5 users x 10 items with degrees 1, 2, 3, 5, 10: user u's k-th interaction is item k with value
     * 10 u + k and timestamp 100 u + k.
     */
    static Dataset degrees() {
        int[] degrees = {1, 2, 3, 5, 10};
        DatasetBuilder b = Dataset.builder("deg", 5, 10);
        for (int u = 0; u < degrees.length; u++) {
            for (int k = 0; k < degrees[u]; k++) {
                b.add(u, k, 10f * u + k, 100L * u + k);
            }
        }
        return b.build();
    }

    /** The same interactions as {@link #degrees()} without timestamps. */
    static Dataset untimed() {
        Dataset timed = degrees();
        DatasetBuilder b = Dataset.builder("plain", timed.numUsers(), timed.numItems());
        for (int u = 0; u < timed.numUsers(); u++) {
            for (int i = timed.begin(u); i < timed.end(u); i++) {
                b.add(u, timed.item(i), timed.value(i));
            }
        }
        return b.build();
    }

    /** Random data: users with 0 to 30 interactions over 40 items, distinct timestamps. */
    static Dataset random(int users, long seed) {
        Random rng = new Random(seed);
        DatasetBuilder b = Dataset.builder("rand", users, 40);
        long time = 0;
        for (int u = 0; u < users; u++) {
            int d = rng.nextInt(31);
            for (int k = 0; k < d; k++) {
                b.add(u, rng.nextInt(40), rng.nextInt(5) + 1f, time++);
            }
        }
        return b.build();
    }

    /** The validated parameters of a plugin. */
    static Params params(Plugin plugin, Map<String, ?> values) {
        return plugin.descriptor().params().validate(values, "");
    }

    /** Every interaction of some datasets as "user item value time" lines, sorted. */
    static List<String> interactions(Dataset... parts) {
        List<String> out = new ArrayList<>();
        for (Dataset d : parts) {
            if (d == null) {
                continue;
            }
            for (int u = 0; u < d.numUsers(); u++) {
                for (int i = d.begin(u); i < d.end(u); i++) {
                    out.add(u + " " + d.item(i) + " " + d.value(i) + " " + (d.hasTimestamps() ? d.timestamp(i) : "-"));
                }
            }
        }
        Collections.sort(out);
        return out;
    }

    /** Asserts the parts are disjoint and together hold exactly the data's interactions. */
    static void assertPartition(Dataset data, Dataset... parts) {
        assertEquals(interactions(data), interactions(parts));
        for (Dataset part : parts) {
            if (part != null) {
                assertEquals(data.numUsers(), part.numUsers());
                assertEquals(data.numItems(), part.numItems());
            }
        }
    }

    /** The degrees of every user in a part. */
    static List<Integer> degrees(Dataset part) {
        List<Integer> out = new ArrayList<>();
        for (int u = 0; u < part.numUsers(); u++) {
            out.add(part.degree(u));
        }
        return out;
    }

    /** The items of a user in a part, in stored order. */
    static List<Integer> items(Dataset part, int user) {
        List<Integer> out = new ArrayList<>();
        for (int item : part.itemsOf(user)) {
            out.add(item);
        }
        return out;
    }

    /** The checksums of every part of every split, nulls included, as one list. */
    static List<String> checksums(List<Split> splits) {
        List<String> out = new ArrayList<>();
        for (Split s : splits) {
            for (Dataset d : new Dataset[] {s.train(), s.validation(), s.test(), s.foldIn()}) {
                out.add(d == null ? "-" : d.checksum());
            }
        }
        return out;
    }
}
