package org.surrogate.bundles.autoencoders;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.nd4j.autodiff.listeners.Listener;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.run.RunContext;

/**
 * Trains Mult-VAE or Mult-DAE: the network is defined (and initialised) as a SameDiff graph
 * ({@link AutoencoderGraph}), but by default trained with the hand-written ND4J pass of
 * {@link DirectNetwork} on the graph's arrays, which computes the same loss and gradients (a test
 * checks them against SameDiff's) in a fraction of SameDiff's time; {@link #useSameDiff} trains with
 * the graph's {@code calculateGradientsAndOutputs} and ND4J's Adam instead, for comparisons. Each
 * step multiplies the batch's sparse input rows with the input layer's weights
 * ({@link SparseProjection}), computes the loss and the gradients, and applies Adam (moments 0.9 and
 * 0.999, epsilon 1e-8) to every weight and bias.
 *
 * <p>Every epoch visits the users with at least one training interaction once, in an order shuffled
 * from the random stream {@code "<id>-shuffle"}, in batches of {@code batchSize} (the last one
 * smaller). Dropout masks come from {@code "<id>-dropout"}, the VAE's noise from
 * {@code "<id>-noise"} (one long a step, seeding a {@link SplittableRandom}'s normal draws), initial weights from {@code "<id>-init"}: the result is the same for the same
 * data, parameters, seed and thread count (the {@code threads} parameter also splits the Java loops of
 * the hand-written pass into that many fixed chunks; with {@code threads = 0} they run on one thread).
 *
 * <p>Per epoch (step 1, 2, ...) it logs the metrics {@code loss}, {@code nll} (each the mean over the
 * epoch's users of the batch values), {@code seconds} (the epoch's wall time) and, for Mult-VAE,
 * {@code kl} and {@code beta} (the KL weight of the epoch's last step). It checks for cancellation
 * before every batch and stops with an {@link IllegalStateException} as soon as a batch loss is not
 * finite.
 */
final class AutoencoderTrainer {

    private final AutoencoderSettings settings;
    private final Timings timings = new Timings();
    private Listener listener;
    private boolean sameDiff;
    private String directProfile = "";
    private AutoencoderGraph lastGraph;

    /** Cumulative wall time of the parts of training, in nanoseconds, for the benchmark. */
    static final class Timings {
        /** Building the input, target and noise arrays in Java and copying them to ND4J. */
        long batches;
        /** The sparse input layer: its products with the batch, weight gradients and Adam updates. */
        long sparse;
        /** The forward and backward pass (SameDiff's or the hand-written one). */
        long gradients;
        /** Adam updates. */
        long updates;
        /** Steps taken. */
        long steps;

        @Override
        public String toString() {
            return String.format("%d steps: batch arrays %.3f s, sparse input layer %.3f s, forward+backward "
                    + "%.3f s, Adam (ND4J arrays) %.3f s", steps, batches / 1e9, sparse / 1e9, gradients / 1e9,
                    updates / 1e9);
        }
    }

    /**
     * Creates a trainer.
     *
     * @param settings the settings
     */
    AutoencoderTrainer(AutoencoderSettings settings) {
        this.settings = settings;
    }

    /**
     * Where the hand-written pass spent its time, by part (empty after a SameDiff fit).
     *
     * @return one line
     */
    String directProfile() {
        return directProfile;
    }

    /**
     * Attaches a SameDiff listener to the graph of the next {@link #fit} (for profiling).
     *
     * @param listener the listener, or null for none
     */
    void listener(Listener listener) {
        this.listener = listener;
    }

    /**
     * Makes the next {@link #fit} run SameDiff's graph ({@code calculateGradientsAndOutputs}) instead of
     * the hand-written pass ({@link DirectNetwork}), for comparisons; same arithmetic, slower.
     *
     * @param on whether to use SameDiff
     */
    void useSameDiff(boolean on) {
        this.sameDiff = on;
    }

    /**
     * The time spent so far, by part.
     *
     * @return the timings, live
     */
    Timings timings() {
        return timings;
    }

    /**
     * Trains a model.
     *
     * @param train the training interactions
     * @param ctx   the run context
     * @return the fitted model
     * @throws IllegalArgumentException if no user has a training interaction
     * @throws IllegalStateException if the loss becomes NaN or infinite
     * @throws org.surrogate.api.run.TrialCancelledException if the trial is cancelled
     */
    AutoencoderModel fit(Dataset train, RunContext ctx) {
        String id = settings.id();
        InteractionRows rows = InteractionRows.of(train);
        int[] users = rows.nonEmptyRows();
        if (users.length == 0) {
            throw new IllegalArgumentException("recommender '" + id + "': dataset '" + train.name()
                    + "' has no interactions to train on");
        }
        if (settings.threads() > 0) {
            setThreads(settings.threads());
        }
        ctx.log(System.Logger.Level.INFO, id + ": " + settings.architecture() + " with I = " + train.numItems()
                + ", " + users.length + " training users, " + settings.epochs() + " epochs of batches of "
                + settings.batchSize());
        AutoencoderGraph graph = new AutoencoderGraph(settings, train.numItems(), ctx.random(id + "-init"));
        if (listener != null) {
            graph.sameDiff().setListeners(listener);
        }
        Loop loop = new Loop(graph, rows, users, ctx);
        try {
            loop.run();
        } finally {
            loop.parallel.close();
        }
        lastGraph = graph;
        return extract(graph, rows);
    }

    /**
     * The graph of the last {@link #fit}, holding its trained weights (the input projections' trained
     * weights in {@link AutoencoderGraph#projections()}), for CF-SFL's later stages.
     *
     * @return the graph, or null before a fit
     */
    AutoencoderGraph lastGraph() {
        return lastGraph;
    }

    /** The state of one training run. */
    private final class Loop {
        private final AutoencoderGraph graph;
        private final SameDiff sd;
        private final InteractionRows rows;
        private final int[] users;
        private final RunContext ctx;
        private final List<String> variables;
        private final List<String> outputs;
        private final List<String> gradientsFor;
        private final List<SparseProjection> projections = new ArrayList<>();
        private final InteractionRows.SparseBatch input = new InteractionRows.SparseBatch();
        private final Map<String, GradientUpdater<?>> updaters = new HashMap<>();
        private final Random shuffle;
        private final Random dropout;
        private final Random noise;
        private final int numItems;
        private final DirectNetwork direct;
        private final Parallel parallel;
        private int[] tStart = new int[1];
        private long step;

        Loop(AutoencoderGraph graph, InteractionRows rows, int[] users, RunContext ctx) {
            this.graph = graph;
            this.sd = graph.sameDiff();
            this.rows = rows;
            this.users = users.clone();
            this.ctx = ctx;
            this.numItems = rows.numItems();
            this.variables = graph.variableNames();
            this.outputs = settings.variational() ? List.of(AutoencoderGraph.LOSS, AutoencoderGraph.NLL,
                    AutoencoderGraph.KL) : List.of(AutoencoderGraph.LOSS, AutoencoderGraph.NLL);
            Adam adam = new Adam(settings.learningRate());
            for (String v : variables) {
                long n = sd.getArrForVarName(v).length();
                INDArray state = Nd4j.zeros(DataType.FLOAT, 1, adam.stateSize(n));
                updaters.put(v, adam.instantiate(state, true));
            }
            List<String> all = new ArrayList<>(variables);
            // the Java loops use the thread count of ND4J's products (one when the host's setting is kept)
            this.parallel = new Parallel(settings.threads() > 0 ? settings.threads() : 1);
            for (AutoencoderGraph.InputProjection p : graph.projections()) {
                projections.add(new SparseProjection(p, settings.learningRate(), settings.l2(), parallel));
                all.add(p.placeholder());
            }
            this.gradientsFor = List.copyOf(all);
            this.direct = sameDiff ? null : new DirectNetwork(graph, settings, numItems, projections, parallel);
            String id = settings.id();
            this.shuffle = ctx.random(id + "-shuffle");
            this.dropout = ctx.random(id + "-dropout");
            this.noise = ctx.random(id + "-noise");
        }

        void run() {
            int epochs = settings.epochs();
            int batch = Math.min(settings.batchSize(), users.length);
            float[] target = direct != null ? null : new float[batch * numItems];
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long t0 = System.nanoTime();
                shuffle(users, shuffle);
                double[] sums = new double[3];
                for (int from = 0; from < users.length; from += batch) {
                    ctx.checkCancelled();
                    int to = Math.min(users.length, from + batch);
                    double[] values = step(from, to, target, epoch);
                    for (int k = 0; k < values.length; k++) {
                        sums[k] += values[k] * (to - from);
                    }
                    ctx.progress((epoch - 1 + (double) to / users.length) / epochs,
                            "epoch " + epoch + " of " + epochs + ", " + to + " of " + users.length + " users");
                }
                ctx.metric("loss", epoch, sums[0] / users.length);
                ctx.metric("nll", epoch, sums[1] / users.length);
                if (settings.variational()) {
                    ctx.metric("kl", epoch, sums[2] / users.length);
                    ctx.metric("beta", epoch, settings.beta(step - 1));
                }
                ctx.metric("seconds", epoch, (System.nanoTime() - t0) / 1e9);
            }
            for (SparseProjection p : projections) {
                p.publish();
            }
            if (direct != null) {
                directProfile = direct.profile();
            }
        }

        /**
         * Standard normal draws for one step: one long from the stream {@code "<id>-noise"} seeds a
         * {@link SplittableRandom}, whose ziggurat sampler is more than ten times as fast as
         * {@code java.util.Random}'s polar method (most of the batch preparation before).
         */
        private float[] gaussians(int count) {
            SplittableRandom g = new SplittableRandom(noise.nextLong());
            float[] eps = new float[count];
            for (int k = 0; k < count; k++) {
                eps[k] = (float) g.nextGaussian();
            }
            return eps;
        }

        /** One Adam step on users[from..to) with the hand-written pass; returns {loss, nll, kl}. */
        private double[] directStep(int from, int to, int epoch) {
            long t0 = System.nanoTime();
            int n = to - from;
            rows.sparseNormalised(users, from, to, settings.dropout(), dropout, input);
            if (tStart.length < n + 1) {
                tStart = new int[n + 1];
            }
            int[] offsets = rows.offsets();
            for (int k = 0; k < n; k++) {
                tStart[k + 1] = tStart[k] + offsets[users[from + k] + 1] - offsets[users[from + k]];
            }
            int[] tItems = new int[tStart[n]];
            int[] items = rows.items();
            for (int k = 0; k < n; k++) {
                System.arraycopy(items, offsets[users[from + k]], tItems, tStart[k], tStart[k + 1] - tStart[k]);
            }
            double beta = settings.beta(step);
            float[] eps = null;
            if (settings.variational()) {
                eps = gaussians(n * graph.latent());
            }
            long t1 = System.nanoTime();
            double penalty = 0;
            for (SparseProjection p : projections) {
                penalty += p.penalty();
            }
            DirectNetwork.Losses out = direct.forwardBackward(input, tStart, tItems, eps, beta);
            long t2 = System.nanoTime();
            double loss = out.loss() + penalty;
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException(settings.id() + ": training diverged at epoch " + epoch + " (loss "
                        + loss + " at step " + (step + 1) + "); lower learningRate (now " + settings.learningRate()
                        + ")");
            }
            direct.update(input, step, epoch - 1);
            step++;
            long t3 = System.nanoTime();
            timings.batches += t1 - t0;
            timings.gradients += t2 - t1;
            timings.updates += t3 - t2;
            timings.steps++;
            return new double[] {loss, out.nll(), out.kl()};
        }

        /** One Adam step on users[from..to); returns {loss, nll, kl}. */
        private double[] step(int from, int to, float[] target, int epoch) {
            if (direct != null) {
                return directStep(from, to, epoch);
            }
            long t0 = System.nanoTime();
            int n = to - from;
            rows.sparseNormalised(users, from, to, settings.dropout(), dropout, input);
            Arrays.fill(target, 0, n * numItems, 0f);
            rows.binary(users, from, to, target);
            Map<String, INDArray> feed = new HashMap<>();
            feed.put(AutoencoderGraph.TARGET, matrix(target, n, numItems));
            double beta = settings.beta(step);
            if (settings.variational()) {
                float[] eps = gaussians(n * graph.latent());
                feed.put(AutoencoderGraph.NOISE, Nd4j.create(eps, new long[] {n, graph.latent()}, 'c'));
                feed.put(AutoencoderGraph.BETA, Nd4j.scalar((float) beta));
            }
            long t1 = System.nanoTime();
            double penalty = 0;
            for (SparseProjection p : projections) {
                feed.put(p.placeholder(), p.forward(input));
                penalty += p.penalty();
            }
            long t2 = System.nanoTime();
            OutAndGrad result = sd.calculateGradientsAndOutputs(feed, outputs, gradientsFor);
            long t3 = System.nanoTime();
            Map<String, INDArray> out = result.getOutputs();
            double loss = out.get(AutoencoderGraph.LOSS).getDouble(0) + penalty;
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException(settings.id() + ": training diverged at epoch " + epoch + " (loss "
                        + loss + " at step " + (step + 1) + "); lower learningRate (now " + settings.learningRate()
                        + ")");
            }
            Map<String, INDArray> grads = result.getGradients();
            for (String v : variables) {
                INDArray g = grads.get(v);
                updaters.get(v).applyUpdater(g, (int) step, epoch - 1);
                sd.getArrForVarName(v).subi(g);
            }
            long t4 = System.nanoTime();
            for (SparseProjection p : projections) {
                p.update(input, grads.get(p.placeholder()), step);
            }
            step++;
            long t5 = System.nanoTime();
            timings.batches += t1 - t0;
            timings.sparse += (t2 - t1) + (t5 - t4);
            timings.gradients += t3 - t2;
            timings.updates += t4 - t3;
            timings.steps++;
            double kl = settings.variational() ? out.get(AutoencoderGraph.KL).getDouble(0) : 0;
            return new double[] {loss, out.get(AutoencoderGraph.NLL).getDouble(0), kl};
        }
    }

    /**
     * Sets the process's OpenMP threads (libnd4j's element-wise ops and reductions) and BLAS threads.
     * OpenMP's count matters most on a busy machine: two spinning OpenMP threads on two shared cores
     * made small SameDiff steps ten times slower here.
     */
    static void setThreads(int threads) {
        // Nd4j first: NativeOpsHolder reads a property the ND4J backend sets when it loads.
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }

    /** The first rows x cols values of a buffer as a new ND4J matrix. */
    private static INDArray matrix(float[] values, int rows, int cols) {
        int n = rows * cols;
        return Nd4j.create(n == values.length ? values : Arrays.copyOf(values, n), new long[] {rows, cols}, 'c');
    }

    private static void shuffle(int[] a, Random rng) {
        for (int k = a.length - 1; k > 0; k--) {
            int j = rng.nextInt(k + 1);
            int t = a[k];
            a[k] = a[j];
            a[j] = t;
        }
    }

    /** Copies the scoring layers' trained weights into a model. */
    private AutoencoderModel extract(AutoencoderGraph graph, InteractionRows rows) {
        SameDiff sd = graph.sameDiff();
        List<AutoencoderModel.DenseLayer> layers = new ArrayList<>();
        for (AutoencoderGraph.Layer l : graph.scoringLayers()) {
            INDArray w = l.external() != null ? l.external() : sd.getArrForVarName(l.weight());
            INDArray b = sd.getArrForVarName(l.bias());
            float[] wv = w.dup('c').data().asFloat();
            float[] bv = b.dup('c').data().asFloat();
            if (!allFinite(wv) || !allFinite(bv)) {
                throw new IllegalStateException(settings.id() + ": training diverged (NaN weights in layer "
                        + l.weight() + "); lower learningRate (now " + settings.learningRate() + ")");
            }
            layers.add(new AutoencoderModel.DenseLayer((int) w.size(0), (int) w.size(1), l.tanh(), wv, bv));
        }
        return new AutoencoderModel(settings.id(), rows.numItems(), layers, rows);
    }

    private static boolean allFinite(float[] v) {
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
