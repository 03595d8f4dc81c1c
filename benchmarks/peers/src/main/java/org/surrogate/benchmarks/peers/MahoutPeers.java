package org.surrogate.benchmarks.peers;

import java.util.Arrays;
import java.util.List;
import org.apache.mahout.cf.taste.impl.common.FastByIDMap;
import org.apache.mahout.cf.taste.impl.common.FastIDSet;
import org.apache.mahout.cf.taste.impl.model.GenericBooleanPrefDataModel;
import org.apache.mahout.cf.taste.impl.model.GenericDataModel;
import org.apache.mahout.cf.taste.impl.model.GenericUserPreferenceArray;
import org.apache.mahout.cf.taste.impl.recommender.GenericBooleanPrefItemBasedRecommender;
import org.apache.mahout.cf.taste.impl.recommender.svd.ALSWRFactorizer;
import org.apache.mahout.cf.taste.impl.recommender.svd.Factorization;
import org.apache.mahout.cf.taste.impl.similarity.GenericItemSimilarity;
import org.apache.mahout.cf.taste.impl.similarity.LogLikelihoodSimilarity;
import org.apache.mahout.cf.taste.impl.similarity.TanimotoCoefficientSimilarity;
import org.apache.mahout.cf.taste.model.DataModel;
import org.apache.mahout.cf.taste.model.PreferenceArray;
import org.apache.mahout.cf.taste.recommender.RecommendedItem;
import org.apache.mahout.cf.taste.similarity.ItemSimilarity;
import org.apache.mahout.common.RandomUtils;
import org.surrogate.api.data.Dataset;

/** Apache Mahout 0.13.0 Taste recommenders (in memory, no Hadoop). Mahout ids are our dense ids. */
final class MahoutPeers {

    static final String LIBRARY = "Apache Mahout 0.13.0 (Taste)";

    private MahoutPeers() {
    }

    /** Every train pair with preference 1. */
    static DataModel valued(Dataset train) {
        FastByIDMap<PreferenceArray> users = new FastByIDMap<>();
        for (int u = 0; u < train.numUsers(); u++) {
            if (train.degree(u) == 0) {
                continue;
            }
            GenericUserPreferenceArray prefs = new GenericUserPreferenceArray(train.degree(u));
            for (int k = train.begin(u); k < train.end(u); k++) {
                prefs.setUserID(k - train.begin(u), u);
                prefs.setItemID(k - train.begin(u), train.item(k));
                prefs.setValue(k - train.begin(u), 1f);
            }
            users.put(u, prefs);
        }
        return new GenericDataModel(users);
    }

    /** The train pairs as boolean preferences. */
    static DataModel bool(Dataset train) {
        FastByIDMap<FastIDSet> users = new FastByIDMap<>();
        for (int u = 0; u < train.numUsers(); u++) {
            FastIDSet items = new FastIDSet(train.degree(u));
            for (int k = train.begin(u); k < train.end(u); k++) {
                items.add(train.item(k));
            }
            users.put(u, items);
        }
        return new GenericBooleanPrefDataModel(users);
    }

    /**
     * ALSWRFactorizer with {@code usesImplicitFeedback = true}: Hu et al.'s confidence
     * {@code 1 + alpha * r}, a plain {@code lambda I} on the implicit path, direct solves per row.
     */
    static Peer als(int factors, int iterations, double lambda, double alpha, int threads) {
        return new Peer() {
            @Override
            public String library() {
                return LIBRARY;
            }

            @Override
            public String algorithm() {
                return "ALSWRFactorizer implicit";
            }

            @Override
            public String family() {
                return "als";
            }

            @Override
            public String settings() {
                return "numFeatures " + factors + ", numIterations " + iterations + ", lambda " + lambda + ", alpha "
                        + alpha + ", usesImplicitFeedback true, numTrainingThreads " + threads
                        + ", RandomUtils.useTestSeed()";
            }

            @Override
            public Trained train(Dataset train) throws Exception {
                RandomUtils.useTestSeed();
                DataModel model = valued(train);
                long t0 = System.nanoTime();
                Factorization fz = new ALSWRFactorizer(model, factors, lambda, iterations, true, alpha, threads)
                        .factorize();
                long nanos = System.nanoTime() - t0;
                int m = train.numUsers();
                int n = train.numItems();
                return new Timed(nanos, () -> {
                    // As SVDRecommender.estimatePreference: the dot product of the two feature rows.
                    float[] s = new float[m * n];
                    Arrays.fill(s, Float.NEGATIVE_INFINITY);
                    for (int u = 0; u < m; u++) {
                        if (train.degree(u) == 0) {
                            continue;
                        }
                        double[] xu = fz.getUserFeatures(u);
                        for (int i = 0; i < n; i++) {
                            if (train.itemDegree(i) == 0) {
                                continue;
                            }
                            double[] yi = fz.getItemFeatures(i);
                            double d = 0;
                            for (int k = 0; k < xu.length; k++) {
                                d += xu[k] * yi[k];
                            }
                            s[u * n + i] = (float) d;
                        }
                    }
                    return new ScoreMatrix(m, n, s);
                });
            }
        };
    }

    /**
     * GenericBooleanPrefItemBasedRecommender: an item's score is the sum of its similarities to the
     * user's items. Training precomputes every item pair's similarity (GenericItemSimilarity), as
     * Mahout's documentation advises for speed; scoring is {@code recommend(user, all items)}.
     */
    static Peer itemBased(boolean logLikelihood) {
        String sim = logLikelihood ? "LogLikelihoodSimilarity" : "TanimotoCoefficientSimilarity";
        return new Peer() {
            @Override
            public String library() {
                return LIBRARY;
            }

            @Override
            public String algorithm() {
                return "BooleanPrefItemBased " + (logLikelihood ? "LLR" : "Tanimoto");
            }

            @Override
            public String family() {
                return "item-knn";
            }

            @Override
            public String settings() {
                return sim + " precomputed for all item pairs (GenericItemSimilarity), all neighbours, "
                        + "score = sum of similarities; recommend(user, numItems)";
            }

            @Override
            public Trained train(Dataset train) throws Exception {
                DataModel model = bool(train);
                long t0 = System.nanoTime();
                ItemSimilarity base = logLikelihood ? new LogLikelihoodSimilarity(model)
                        : new TanimotoCoefficientSimilarity(model);
                GenericItemSimilarity all = new GenericItemSimilarity(base, model);
                GenericBooleanPrefItemBasedRecommender rec = new GenericBooleanPrefItemBasedRecommender(model, all);
                long nanos = System.nanoTime() - t0;
                int m = train.numUsers();
                int n = train.numItems();
                return new Timed(nanos, () -> {
                    float[] s = new float[m * n];
                    Arrays.fill(s, Float.NEGATIVE_INFINITY);
                    for (int u = 0; u < m; u++) {
                        if (train.degree(u) == 0) {
                            continue;
                        }
                        List<RecommendedItem> top = rec.recommend(u, n);
                        for (RecommendedItem r : top) {
                            s[u * n + (int) r.getItemID()] = r.getValue();
                        }
                    }
                    return new ScoreMatrix(m, n, s);
                });
            }
        };
    }
}
