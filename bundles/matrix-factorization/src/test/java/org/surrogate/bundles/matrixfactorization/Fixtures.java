package org.surrogate.bundles.matrixfactorization;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;

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
}
