package org.surrogate.bundles.s2r;

import java.util.HashMap;
import java.util.Map;
import org.surrogate.api.recommender.Policy;
import org.surrogate.api.recommender.TopK;
import org.surrogate.api.simulator.Observation;

/**
 * The trained agent acting greedily, {@code pi(s) = argmax_{a not shown} Q(s, a)}, over the
 * <em>real</em> domain's items (the point of sim-to-real training: it is deployed there). The LSTM
 * state of each session is advanced incrementally from the observation's items and values (the
 * rewards); a new session, or one that went back, starts from zero.
 */
final class S2rPolicy implements Policy {

    private static final class State {
        final float[] h;
        final float[] c;
        int t;

        State(int hidden) {
            h = new float[hidden];
            c = new float[hidden];
        }
    }

    private final QSnapshot net;
    private final float[][] items;
    private final Map<Long, State> states = new HashMap<>();

    S2rPolicy(QSnapshot net, float[][] itemVectors) {
        this.net = net;
        this.items = itemVectors;
    }

    int numItems() {
        return items.length;
    }

    @Override
    public synchronized int[] act(Observation obs, int slateSize) {
        State st = states.get(obs.session());
        if (st == null || st.t > obs.items().length) {
            if (states.size() > 100_000) {
                states.clear();
            }
            st = new State(net.hidden);
            states.put(obs.session(), st);
        }
        while (st.t < obs.items().length) {
            int a = obs.items()[st.t];
            float r = obs.values().length > st.t ? obs.values()[st.t] : 0;
            net.step(st.h, st.c, items[a], r);
            st.t++;
        }
        float[] u = net.query(st.h);
        float[] scores = new float[items.length];
        for (int j = 0; j < items.length; j++) {
            scores[j] = QSnapshot.dot(u, items[j]);
        }
        for (int a : obs.items()) {
            scores[a] = Float.NEGATIVE_INFINITY;
        }
        return TopK.select(scores, 0, scores.length, slateSize);
    }
}
