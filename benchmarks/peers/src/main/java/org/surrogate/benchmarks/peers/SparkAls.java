package org.surrogate.benchmarks.peers;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.surrogate.api.data.Dataset;

/**
 * Spark MLlib ALS with {@code implicitPrefs = true} (Hu, Koren and Volinsky 2008) in {@code local[2]}.
 * Spark's confidence is {@code 1 + alpha * r} as ours; its regularisation is scaled per row by the
 * number of the row's ratings (ALS-WR, Zhou et al. 2008), so its {@code regParam} is not our lambda.
 * Training time is {@code ALS.fit} on a cached DataFrame (session start-up excluded); scoring
 * collects the factor matrices and takes the dot products.
 */
final class SparkAls implements Peer {

    private final SparkSession spark;
    private final int rank;
    private final int iterations;
    private final double regParam;
    private final double alpha;
    private final long seed;

    SparkAls(SparkSession spark, int rank, int iterations, double regParam, double alpha, long seed) {
        this.spark = spark;
        this.rank = rank;
        this.iterations = iterations;
        this.regParam = regParam;
        this.alpha = alpha;
        this.seed = seed;
    }

    static SparkSession start(int threads) {
        return SparkSession.builder().appName("surrogate-peers").master("local[" + threads + "]")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", String.valueOf(threads))
                .config("spark.default.parallelism", String.valueOf(threads))
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    @Override
    public String library() {
        return "Spark MLlib " + spark.version();
    }

    @Override
    public String algorithm() {
        return "ALS implicitPrefs";
    }

    @Override
    public String family() {
        return "als";
    }

    @Override
    public String settings() {
        return "rank " + rank + ", maxIter " + iterations + ", regParam " + regParam + " (scaled by each row's count), "
                + "alpha " + alpha + ", numUserBlocks = numItemBlocks = 2, local[2], seed " + seed;
    }

    @Override
    public Trained train(Dataset train) {
        List<Row> rows = new ArrayList<>(train.size());
        for (int u = 0; u < train.numUsers(); u++) {
            for (int k = train.begin(u); k < train.end(u); k++) {
                rows.add(RowFactory.create(u, train.item(k), 1f));
            }
        }
        StructType schema = new StructType().add("user", DataTypes.IntegerType).add("item", DataTypes.IntegerType)
                .add("rating", DataTypes.FloatType);
        org.apache.spark.sql.Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(2).cache();
        df.count();
        ALS als = new ALS().setRank(rank).setMaxIter(iterations).setRegParam(regParam).setAlpha(alpha)
                .setImplicitPrefs(true).setNumUserBlocks(2).setNumItemBlocks(2).setSeed(seed)
                .setUserCol("user").setItemCol("item").setRatingCol("rating").setColdStartStrategy("drop");
        long t0 = System.nanoTime();
        ALSModel model = als.fit(df);
        // fit() is lazy in parts: force the factors before the clock stops.
        model.userFactors().count();
        model.itemFactors().count();
        long trainNanos = System.nanoTime() - t0;
        df.unpersist();
        int n = train.numItems();
        int m = train.numUsers();
        return new Timed(trainNanos, () -> {
            float[] x = collect(model.userFactors(), m);
            float[] y = collect(model.itemFactors(), n);
            return ScoreMatrix.ofFactors(x, y, m, n, rank);
        });
    }

    private float[] collect(org.apache.spark.sql.Dataset<Row> factors, int count) {
        // Ids Spark never saw (none here: every user and item has train data) keep zero factors.
        float[] out = new float[count * rank];
        for (Row r : factors.collectAsList()) {
            int id = r.getInt(0);
            List<Object> v = r.getList(1);
            for (int k = 0; k < rank; k++) {
                out[id * rank + k] = ((Number) v.get(k)).floatValue();
            }
        }
        return out;
    }
}
