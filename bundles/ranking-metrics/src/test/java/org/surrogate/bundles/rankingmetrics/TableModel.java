package org.surrogate.bundles.rankingmetrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.surrogate.api.recommender.Model;

/** A test model with a fixed score row per user; records the batch sizes it was asked for. */
class TableModel implements Model {

    final float[][] rows;
    final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());

    TableModel(float[]... rows) {
        this.rows = rows;
    }

    @Override
    public int numItems() {
        return rows[0].length;
    }

    @Override
    public void score(int[] users, float[] out) {
        batches.add(users.length);
        for (int k = 0; k < users.length; k++) {
            System.arraycopy(rows[users[k]], 0, out, k * numItems(), numItems());
        }
    }
}
