package org.surrogate.bundles.itemcosine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.recommender.TopK;
import org.surrogate.api.run.RunContext;

/**
 * Item-based neighbourhood recommender with cosine similarity, computed densely with ND4J matrix
 * products (ND4J is provided by the host; this bundle only imports it).
 *
 * <p>With X the binary users x items matrix (1 where the user has any training interaction with
 * the item), the similarity of items i and j is
 * {@code S[i][j] = (X^T X)[i][j] / (|x_i| |x_j| + shrinkage)} with a zero diagonal (items without
 * interactions have similarity 0). With {@code neighbors = k > 0} each target item keeps only its k
 * most similar items (ties to the lower index). A user's scores are {@code X[user] . S}.
 *
 * <p>This is a dense baseline for small catalogues: it keeps an items x items float matrix, so
 * memory grows as {@code 4 * numItems^2} bytes (400 MB at 10,000 items, 1.6 GB at the limit of
 * {@value #MAX_ITEMS}); larger catalogues are refused. X is never held whole: X^T X and the scores
 * are computed in blocks of {@value #BLOCK_ROWS} users.
 */
@Component(service = Recommender.class)
public final class ItemCosineRecommender implements Recommender {

    /** The plugin id. */
    public static final String ID = "item-cosine";

    /** The largest catalogue this dense baseline accepts. */
    public static final int MAX_ITEMS = 20_000;

    /** Users per block of X in the products. */
    static final int BLOCK_ROWS = 512;

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.RECOMMENDER,
            "Item cosine kNN (ND4J)",
            "Scores items by the sum of their cosine similarities to the user's training items, with the "
                    + "item-item similarities computed densely by ND4J matrix products (at most "
                    + MAX_ITEMS + " items).",
            null,
            ParamSchema.of(
                    ParamSpec.intParam("neighbors").defaultValue(0).min(0)
                            .help("Similar items kept per target item (its neighbourhood); 0 keeps all.")
                            .build(),
                    ParamSpec.doubleParam("shrinkage").defaultValue(0.0).min(0)
                            .help("Added to the denominator of the cosine, |x_i| |x_j| + shrinkage, to "
                                    + "damp similarities supported by few users; 0 is the plain cosine.")
                            .build()));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Computes the item-item similarity matrix.
     *
     * @param train  the training interactions; values are ignored (binary)
     * @param params validated parameters ({@code neighbors}, {@code shrinkage})
     * @param ctx    the run context
     * @return a model scoring users by {@code X[user] . S}
     * @throws IllegalArgumentException if the catalogue is empty or larger than {@value #MAX_ITEMS}
     */
    @Override
    public Model fit(Dataset train, Params params, RunContext ctx) {
        int n = train.numItems();
        if (n > MAX_ITEMS) {
            throw new IllegalArgumentException("recommender '" + ID + "': dataset '" + train.name() + "' has " + n
                    + " items, above the limit of " + MAX_ITEMS + " of this dense baseline (it keeps an items x "
                    + "items float matrix); use a sparse neighbourhood model for larger catalogues");
        }
        if (n == 0) {
            throw new IllegalArgumentException("recommender '" + ID + "': dataset '" + train.name()
                    + "' has no items");
        }
        int neighbors = params.getInt("neighbors");
        double shrinkage = params.getDouble("shrinkage");
        INDArray sim = gram(train, BLOCK_ROWS, ctx);
        ctx.progress(0.8, "normalising " + n + " x " + n + " similarities");
        normalise(sim, shrinkage);
        if (neighbors > 0 && neighbors < n - 1) {
            ctx.checkCancelled();
            ctx.progress(0.9, "keeping " + neighbors + " neighbours per item");
            sim = keepTopPerColumn(sim, neighbors);
        }
        ctx.progress(1.0, "similarities ready");
        return new ItemCosineModel(train, sim, BLOCK_ROWS);
    }

    /**
     * Computes the co-occurrence matrix X^T X of the binary user-item matrix, block by block.
     *
     * @param train     the data
     * @param blockRows users per block
     * @param ctx       for progress (up to 0.8) and cancellation
     * @return a new items x items 'c'-ordered float matrix
     */
    static INDArray gram(Dataset train, int blockRows, RunContext ctx) {
        int n = train.numItems();
        INDArray gram = Nd4j.create(DataType.FLOAT, new long[] {n, n}, 'c');
        int[] users = new int[train.numUsers()];
        for (int u = 0; u < users.length; u++) {
            users[u] = u;
        }
        for (int from = 0; from < users.length; from += blockRows) {
            ctx.checkCancelled();
            ctx.progress(0.8 * from / train.numUsers(), "co-occurrences of users " + from + " of "
                    + train.numUsers());
            int to = Math.min(train.numUsers(), from + blockRows);
            INDArray x = ItemCosineModel.binaryRows(train, users, from, to);
            Nd4j.gemm(x, x, gram, true, false, 1.0, 1.0);
        }
        return gram;
    }

    /**
     * Turns co-occurrences into cosine similarities in place: divides by {@code |x_i| |x_j| + shrinkage}
     * (0 where an item has no interactions) and zeroes the diagonal.
     */
    private static void normalise(INDArray gram, double shrinkage) {
        int n = gram.rows();
        float[] norms = new float[n];
        float[] inverse = new float[n];
        for (int i = 0; i < n; i++) {
            norms[i] = (float) Math.sqrt(gram.getFloat(i, i));
            inverse[i] = norms[i] > 0 ? 1f / norms[i] : 0f;
        }
        if (shrinkage == 0) {
            // The plain cosine factorises: scale rows and columns, no n x n temporary.
            gram.muliRowVector(Nd4j.create(inverse, new long[] {1, n}, 'c'));
            gram.muliColumnVector(Nd4j.create(inverse, new long[] {n, 1}, 'c'));
        } else {
            INDArray column = Nd4j.create(norms, new long[] {n, 1}, 'c');
            INDArray row = Nd4j.create(norms, new long[] {1, n}, 'c');
            INDArray denominator = column.mmul(row, 'c').addi(shrinkage);
            gram.divi(denominator);
        }
        for (int i = 0; i < n; i++) {
            gram.putScalar(i, i, 0.0);
        }
    }

    /**
     * Keeps, in each column j (target item), the k largest similarities; the rest become 0.
     *
     * @param sim a symmetric similarity matrix
     * @param k   the neighbours to keep per column
     * @return a new 'c'-ordered matrix whose column j holds the kept neighbours of item j
     */
    static INDArray keepTopPerColumn(INDArray sim, int k) {
        int n = sim.rows();
        // Symmetric, so row j is column j: prune rows in a flat row-major copy, then transpose.
        float[] rows = ItemCosineModel.rowMajor(sim);
        float[] kept = new float[rows.length];
        for (int j = 0; j < n; j++) {
            int base = j * n;
            for (int offset : TopK.select(rows, base, base + n, k)) {
                kept[base + offset] = rows[base + offset];
            }
        }
        return Nd4j.create(kept, new long[] {n, n}, 'c').transpose().dup('c');
    }
}
