package org.surrogate.bundles.autoencoders;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.recommender.TopK;
import org.surrogate.testkit.LatentData;

/** Helpers shared by the tests of this bundle. */
final class Fixtures {

    private Fixtures() {
    }

    /** The scores of users 0 .. users - 1. */
    static float[] scoreAll(Model model, int users) {
        int[] ids = new int[users];
        for (int u = 0; u < users; u++) {
            ids[u] = u;
        }
        float[] out = new float[users * model.numItems()];
        model.score(ids, out);
        return out;
    }

    /** Saves a model and loads it back with the recommender. */
    static Model roundTrip(Recommender rec, Model model, Params params) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.save(bytes);
        return rec.load(new ByteArrayInputStream(bytes.toByteArray()), params);
    }

    /** The users below {@code trainUsers} of a dataset (with timestamps), the others left without interactions. */
    static Dataset firstUsers(Dataset data, int trainUsers) {
        DatasetBuilder b = Dataset.builderLike(data.name() + "-first", data);
        for (int u = 0; u < trainUsers; u++) {
            for (int k = data.begin(u); k < data.end(u); k++) {
                b.add(u, data.item(k), data.value(k), data.timestamp(k));
            }
        }
        return b.build();
    }

    /**
     * Mean NDCG@k over users {@code from..to-1} of the latent data's test part, each scored from a
     * history (fold-in) when {@code foldIn}, else as a training user; the history's items are excluded.
     */
    static double ndcg(Model model, LatentData data, int from, int to, int k, boolean foldIn) {
        int n = data.train.numItems();
        int users = to - from;
        float[] scores = new float[users * n];
        if (foldIn) {
            int[][] histories = new int[users][];
            for (int u = from; u < to; u++) {
                histories[u - from] = data.train.itemsOf(u);
            }
            model.scoreHistories(histories, scores);
        } else {
            int[] ids = new int[users];
            for (int u = from; u < to; u++) {
                ids[u - from] = u;
            }
            model.score(ids, scores);
        }
        double sum = 0;
        int evaluated = 0;
        for (int u = from; u < to; u++) {
            int row = (u - from) * n;
            for (int item : data.train.itemsOf(u)) {
                scores[row + item] = Float.NEGATIVE_INFINITY;
            }
            int[] relevant = data.test.itemsOf(u);
            if (relevant.length == 0) {
                continue;
            }
            int[] top = TopK.select(scores, row, row + n, k);
            double dcg = 0;
            for (int r = 0; r < top.length; r++) {
                for (int item : relevant) {
                    if (item == top[r]) {
                        dcg += 1 / log2(r + 2);
                    }
                }
            }
            double ideal = 0;
            for (int r = 0; r < Math.min(k, relevant.length); r++) {
                ideal += 1 / log2(r + 2);
            }
            sum += dcg / ideal;
            evaluated++;
        }
        return sum / evaluated;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
