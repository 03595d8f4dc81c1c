package org.surrogate.bundles.neighborhood;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PaperReference;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.run.TrialCancelledException;

/**
 * EASE (Steck 2019), the closed-form shallow autoencoder: with X the binary users x items matrix and
 * {@code P = (X^T X + lambda I)^-1}, the item-item weights are {@code B = I - P diagMat(1 / diag(P))},
 * that is {@code B[i][j] = -P[i][j] / P[j][j]} with a zero diagonal; {@code score(u) = X[u] . B}.
 *
 * <p>X^T X is accumulated sparsely (time about the sum over users of their squared degree) into a
 * dense float matrix, which ND4J inverts (Cholesky, see {@link SpdInverse}). Memory is dense in the
 * catalogue: about {@code 8 * numItems^2} bytes while fitting (a Java and an ND4J copy of the
 * Gram matrix), {@code 4 * numItems^2} after; catalogues above {@value #MAX_ITEMS} items are
 * refused. Scores are ND4J matrix products in blocks of {@value #BLOCK_ROWS} users.
 */
@Component(service = Recommender.class)
public final class EaseRecommender implements Recommender {

    /** The plugin id. */
    public static final String ID = "ease";

    /** The largest catalogue accepted: the weights are a dense items x items matrix. */
    public static final int MAX_ITEMS = 20_000;

    /** Users per block of X in the score products. */
    static final int BLOCK_ROWS = 512;

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.RECOMMENDER,
            "EASE",
            "Embarrassingly shallow autoencoder: a closed-form item-item weight matrix with a zero diagonal, "
                    + "fitted by ridge regression of each item on all others (dense, at most " + MAX_ITEMS
                    + " items).",
            new PaperReference("Steck, Embarrassingly Shallow Autoencoders for Sparse Data, WWW 2019",
                    "https://doi.org/10.1145/3308558.3313710"),
            ParamSchema.of(ParamSpec.doubleParam("lambda").defaultValue(500.0).greaterThan(0)
                    .help("L2 regularisation added to the diagonal of X^T X.").build()));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Fits the weight matrix B.
     *
     * @param train  the training interactions; values are ignored (binary)
     * @param params validated parameters ({@code lambda})
     * @param ctx    the run context, for progress and cancellation
     * @return the model
     * @throws IllegalArgumentException if the catalogue is empty or larger than {@value #MAX_ITEMS}
     * @throws TrialCancelledException if cancelled meanwhile
     */
    @Override
    public Model fit(Dataset train, Params params, RunContext ctx) {
        int n = train.numItems();
        if (n > MAX_ITEMS) {
            throw new IllegalArgumentException("recommender '" + ID + "': dataset '" + train.name() + "' has " + n
                    + " items, above the limit of " + MAX_ITEMS + " (EASE inverts a dense items x items matrix); "
                    + "use item-knn for larger catalogues");
        }
        if (n == 0) {
            throw new IllegalArgumentException("recommender '" + ID + "': dataset '" + train.name()
                    + "' has no items");
        }
        ctx.checkCancelled();
        SparseRows byUser = SparseRows.byUser(train, true);
        float[] g = gram(byUser, byUser.transpose(n), n, ctx);
        double lambda = params.getDouble("lambda");
        for (int i = 0; i < n; i++) {
            g[i * n + i] += (float) lambda;
        }
        INDArray p = Nd4j.create(g, new long[] {n, n}, 'c');
        g = null;
        ctx.checkCancelled();
        ctx.progress(0.5, "inverting the " + n + " x " + n + " Gram matrix");
        p = SpdInverse.invert(p);
        ctx.checkCancelled();
        float[] negDiag = new float[n];
        for (int j = 0; j < n; j++) {
            negDiag[j] = -p.getFloat(j, j);
        }
        INDArray b = p.diviRowVector(Nd4j.create(negDiag, new long[] {1, n}, 'c'));
        for (int i = 0; i < n; i++) {
            b.putScalar(i, i, 0f);
        }
        ctx.progress(1.0, "weights ready");
        return new EaseModel(byUser, b, BLOCK_ROWS);
    }

    /**
     * X^T X of a binary matrix, row-major, accumulated sparsely: row i sums the rows of the users of
     * item i. Rows are independent, computed in chunks on named threads.
     */
    static float[] gram(SparseRows byUser, SparseRows byItem, int n, RunContext ctx) {
        float[] g = new float[Math.multiplyExact(n, n)];
        ExecutorService pool = Executors.newFixedThreadPool(Checks.threads(), CosineNeighbors.namedThreads(ID));
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int from = 0; from < n; from += 64) {
                int lo = from;
                int hi = Math.min(n, from + 64);
                tasks.add(pool.submit(() -> {
                    for (int i = lo; i < hi && !ctx.isCancelled(); i++) {
                        for (int m = byItem.offsets()[i]; m < byItem.offsets()[i + 1]; m++) {
                            int u = byItem.cols()[m];
                            for (int e = byUser.offsets()[u]; e < byUser.offsets()[u + 1]; e++) {
                                g[i * n + byUser.cols()[e]] += 1f;
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : tasks) {
                await(f);
                ctx.checkCancelled();
            }
        } finally {
            pool.shutdownNow();
        }
        return g;
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrialCancelledException(ID + ": interrupted while computing X^T X");
        } catch (ExecutionException e) {
            throw new IllegalStateException(ID + ": computing X^T X failed", e.getCause());
        }
    }

    /**
     * Reads a model written by {@link Model#save} of an EASE model.
     *
     * @param in     the saved model; not closed, and not read past its end
     * @param params the parameters it was fitted with (not needed: the file holds what scoring needs)
     * @return a model giving the same scores as the one saved
     * @throws IOException if the stream is unreadable, empty, truncated, corrupt, of another format
     *                     version or of another recommender; the message says which
     */
    @Override
    public Model load(InputStream in, Params params) throws IOException {
        return EaseModel.read(in, BLOCK_ROWS);
    }
}
