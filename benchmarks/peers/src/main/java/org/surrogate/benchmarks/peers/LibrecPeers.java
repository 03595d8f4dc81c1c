package org.surrogate.benchmarks.peers;

import com.google.common.collect.BiMap;
import com.google.common.collect.HashBasedTable;
import com.google.common.collect.HashBiMap;
import com.google.common.collect.Table;
import net.librec.common.LibrecException;
import net.librec.conf.Configuration;
import net.librec.data.DataAppender;
import net.librec.data.DataContext;
import net.librec.data.DataModel;
import net.librec.data.DataSplitter;
import net.librec.math.algorithm.Randoms;
import net.librec.math.structure.DataSet;
import net.librec.math.structure.SparseMatrix;
import net.librec.recommender.RecommenderContext;
import net.librec.recommender.cf.ranking.BPRRecommender;
import net.librec.recommender.cf.ranking.WRMFRecommender;
import org.surrogate.api.data.Dataset;

/**
 * LibRec 2.0.0 recommenders fed our split through a small {@link DataModel} (LibRec's own data
 * pipeline would re-split the data), trained with LibRec's own {@code setup()} and
 * {@code trainModel()} and scored with its {@code predict(user, item)}.
 */
final class LibrecPeers {

    static final String LIBRARY = "LibRec 2.0.0";

    private LibrecPeers() {
    }

    /** BPR; LibRec's epoch is {@code |train|} samples, as ours. Single-threaded. */
    static Peer bpr(int factors, int epochs, double learnRate, double reg, long seed) {
        Configuration conf = base(factors, epochs, reg, seed);
        conf.setFloat("rec.iterator.learnrate", (float) learnRate);
        conf.setFloat("rec.iterator.learnrate.maximum", 1000f);
        return peer("BPRRecommender", "bpr", "factor.number " + factors + ", iterator.maximum " + epochs
                + " (|train| samples each), learnrate " + learnRate + " (no bold driver, decay 1), user/item "
                + "regularization " + reg + ", init N(0, 0.1), single-threaded, seed " + seed, conf, Bpr::new);
    }

    /**
     * WRMF (Hu et al.'s implicit ALS). LibRec's confidence is {@code 1 + ln(1 + 10^w r)}; with r = 1,
     * {@code w = log10(e^alpha - 1)} gives exactly {@code 1 + alpha}. Plain lambda I, direct inverse
     * per row, single-threaded.
     */
    static Peer wrmf(int factors, int iterations, double lambda, double alpha, long seed) {
        Configuration conf = base(factors, iterations, lambda, seed);
        double w = Math.log10(Math.expm1(alpha));
        conf.setFloat("rec.wrmf.weight.coefficient", (float) w);
        return peer("WRMFRecommender", "als", "factor.number " + factors + ", iterator.maximum " + iterations
                + ", user/item regularization " + lambda + ", wrmf.weight.coefficient " + String.format("%.4f", w)
                + " (confidence 1 + " + alpha + "), single-threaded, seed " + seed, conf, Wrmf::new);
    }

    private static Configuration base(int factors, int iterations, double reg, long seed) {
        Configuration conf = new Configuration();
        conf.set("rec.recommender.isranking", "true");
        conf.setInt("rec.recommender.ranking.topn", 20);
        conf.setBoolean("rec.recommender.verbose", false);
        conf.setInt("rec.factor.number", factors);
        conf.setInt("rec.iterator.maximum", iterations);
        conf.setFloat("rec.user.regularization", (float) reg);
        conf.setFloat("rec.item.regularization", (float) reg);
        conf.setBoolean("rec.learnrate.bolddriver", false);
        conf.setFloat("rec.learnrate.decay", 1f);
        conf.setLong("rec.random.seed", seed);
        return conf;
    }

    /** Access to LibRec's protected training and prediction. */
    interface Trainable {
        void fit(RecommenderContext ctx) throws LibrecException;

        double score(int u, int i) throws LibrecException;
    }

    static final class Bpr extends BPRRecommender implements Trainable {
        @Override
        public void fit(RecommenderContext ctx) throws LibrecException {
            setContext(ctx);
            setup();
            trainModel();
        }

        @Override
        public double score(int u, int i) throws LibrecException {
            return predict(u, i);
        }
    }

    static final class Wrmf extends WRMFRecommender implements Trainable {
        @Override
        public void fit(RecommenderContext ctx) throws LibrecException {
            setContext(ctx);
            setup();
            trainModel();
        }

        @Override
        public double score(int u, int i) throws LibrecException {
            return predict(u, i);
        }
    }

    private static Peer peer(String algorithm, String family, String settings, Configuration conf,
                             java.util.function.Supplier<Trainable> make) {
        return new Peer() {
            @Override
            public String library() {
                return LIBRARY;
            }

            @Override
            public String algorithm() {
                return algorithm;
            }

            @Override
            public String family() {
                return family;
            }

            @Override
            public String settings() {
                return settings;
            }

            @Override
            public Trained train(Dataset train) throws Exception {
                Randoms.seed(conf.getLong("rec.random.seed"));
                RecommenderContext ctx = new RecommenderContext(conf, new Model(train));
                Trainable rec = make.get();
                long t0 = System.nanoTime();
                rec.fit(ctx);
                long nanos = System.nanoTime() - t0;
                int m = train.numUsers();
                int n = train.numItems();
                return new Timed(nanos, () -> {
                    float[] s = new float[m * n];
                    for (int u = 0; u < m; u++) {
                        for (int i = 0; i < n; i++) {
                            s[u * n + i] = (float) rec.score(u, i);
                        }
                    }
                    return new ScoreMatrix(m, n, s);
                });
            }
        };
    }

    /** Our train part as LibRec's train matrix (every pair 1); the test matrix is empty. */
    static final class Model implements DataModel {
        private final SparseMatrix train;
        private final SparseMatrix test;
        private final BiMap<String, Integer> users = HashBiMap.create();
        private final BiMap<String, Integer> items = HashBiMap.create();

        Model(Dataset data) {
            Table<Integer, Integer, Double> t = HashBasedTable.create();
            for (int u = 0; u < data.numUsers(); u++) {
                users.put(Integer.toString(u), u);
                for (int k = data.begin(u); k < data.end(u); k++) {
                    t.put(u, data.item(k), 1.0);
                }
            }
            for (int i = 0; i < data.numItems(); i++) {
                items.put(Integer.toString(i), i);
            }
            this.train = new SparseMatrix(data.numUsers(), data.numItems(), t);
            this.test = new SparseMatrix(data.numUsers(), data.numItems(), HashBasedTable.<Integer, Integer, Double>create());
        }

        @Override
        public void buildDataModel() {
        }

        @Override
        public void loadDataModel() {
        }

        @Override
        public void saveDataModel() {
        }

        @Override
        public DataSplitter getDataSplitter() {
            return null;
        }

        @Override
        public DataSet getTrainDataSet() {
            return train;
        }

        @Override
        public DataSet getTestDataSet() {
            return test;
        }

        @Override
        public DataSet getValidDataSet() {
            return null;
        }

        @Override
        public DataSet getDatetimeDataSet() {
            return null;
        }

        @Override
        public BiMap<String, Integer> getUserMappingData() {
            return users;
        }

        @Override
        public BiMap<String, Integer> getItemMappingData() {
            return items;
        }

        @Override
        public DataAppender getDataAppender() {
            return null;
        }

        @Override
        public DataContext getContext() {
            return null;
        }
    }
}
