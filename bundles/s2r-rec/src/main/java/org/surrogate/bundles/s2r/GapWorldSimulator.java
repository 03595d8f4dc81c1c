package org.surrogate.bundles.s2r;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.simulator.Environment;
import org.surrogate.api.simulator.Simulator;

/**
 * A controlled sim-to-real task with known preferences and a gap you can turn: users with latent
 * tastes {@code theta_u}, two disjoint item domains with latent factors {@code phi_j} and item
 * qualities {@code b_j}, ratings {@code 1 + round(4 sigmoid(z))}, {@code taste = theta_u . phi_j /
 * sqrt(dims)}. With {@code moves = sim} (the default) the real task is fixed and the simulator moves
 * away from it:
 * <pre>
 *   real: z = signal * (0.5 taste + 0.5 b_j)                     + noise * e
 *   sim:  z = signal * (0.5 taste + 0.5 (1 - 2 gap) b_j)         + noise * e
 * </pre>
 * so at gap 0 both domains follow the same dynamics, at 0.5 simulated users ignore item quality and
 * at 1 they dislike what real users like. With {@code moves = real} (the first design, kept for
 * comparison) the simulator is personal-taste only and the real task moves:
 * {@code real: z = (1 - gap) signal taste + gap signal b_j}; that also makes the real task easier as
 * the gap grows (quality is learnable from the small real budget), which confounds gap and
 * difficulty. Each user has rated each item with probability
 * {@code density}; unrated items give reward 0, as in the rating replays. Everything is drawn from
 * the trial seed's stream {@code s2r-world}, so a sweep over {@code gap} changes only the gap
 * (common random numbers). It follows the latent-preference design of the {@code known-preference}
 * generator but is its own code: bundles do not depend on each other at run time.
 */
@Component(service = Simulator.class)
public final class GapWorldSimulator implements Simulator {

    /** The plugin id. */
    public static final String ID = "s2r-known-preference-gap";

    /** The descriptor. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.SIMULATOR,
            "S2R-Rec controlled gap (known preferences)",
            "Sim and real domains drawn from known latent preferences; the parameter 'gap' moves the simulator's "
                    + "dynamics away from the fixed real task (0: same, 0.5: simulated users ignore item quality, "
                    + "1: they dislike what real users like). Same sessions, split and features as the genre split.",
            S2rPaper.REFERENCE, schema());

    private static ParamSchema schema() {
        List<ParamSpec> l = new ArrayList<>();
        l.add(ParamSpec.doubleParam("gap").defaultValue(0.5).range(0, 1)
                .help("Sim-to-real gap: 0 same dynamics, 1 real ratings ignore user taste.").build());
        l.add(ParamSpec.choiceParam("moves", "sim", "real").defaultValue("sim")
                .help("sim: the real task is fixed and the simulator's dynamics move away with the gap; real: the "
                        + "first design, the simulator is fixed (taste only) and the real task moves.").build());
        l.add(ParamSpec.intParam("users").defaultValue(800).range(10, 1_000_000).help("Users.").build());
        l.add(ParamSpec.intParam("items").defaultValue(150).range(2, 100_000).help("Items per domain.").build());
        l.add(ParamSpec.intParam("dims").defaultValue(8).range(1, 256).help("Latent dimensions.").build());
        l.add(ParamSpec.doubleParam("density").defaultValue(0.3).openRange(0, 1)
                .help("Probability that a user has rated an item (unrated items give reward 0).").build());
        l.add(ParamSpec.doubleParam("signal").defaultValue(2.5).min(0).help("Scale of the preference logit.").build());
        l.add(ParamSpec.doubleParam("noise").defaultValue(0.5).min(0).help("Rating noise (logit scale).").build());
        l.addAll(TaskParams.specs(100, 10, 8));
        return new ParamSchema(l);
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Environment create(Dataset logs, Params params, RunContext ctx) {
        double gap = params.getDouble("gap");
        int users = params.getInt("users");
        int items = params.getInt("items");
        int dims = params.getInt("dims");
        double density = params.getDouble("density");
        double signal = params.getDouble("signal");
        double noise = params.getDouble("noise");
        Random rng = ctx.random("s2r-world");
        double[][] theta = gaussian(rng, users, dims);
        double[][] phiSim = gaussian(rng, items, dims);
        double[][] phiReal = gaussian(rng, items, dims);
        double[] quality = gaussian(rng, 1, items)[0];
        // a separate stream, so that moves=real draws exactly what the first design drew
        double[] qualitySim = gaussian(ctx.random("s2r-world-sim-quality"), 1, items)[0];
        boolean simMoves = params.getString("moves").equals("sim");
        String[] userIds = new String[users];
        int[][] si = new int[users][];
        float[][] sr = new float[users][];
        int[][] ri = new int[users][];
        float[][] rr = new float[users][];
        double root = Math.sqrt(dims);
        for (int u = 0; u < users; u++) {
            userIds[u] = "u" + u;
            List<int[]> simRows = new ArrayList<>();
            List<int[]> realRows = new ArrayList<>();
            // draw every cell in a fixed order, whatever the gap, so a gap sweep shares all randomness
            for (int j = 0; j < items; j++) {
                boolean seenSim = rng.nextDouble() < density;
                double eSim = rng.nextGaussian();
                boolean seenReal = rng.nextDouble() < density;
                double eReal = rng.nextGaussian();
                double taste = dot(theta[u], phiSim[j]) / root;
                if (seenSim) {
                    double z = simMoves ? signal * (0.5 * taste + 0.5 * (1 - 2 * gap) * qualitySim[j]) : signal * taste;
                    simRows.add(new int[] {j, rating(z + noise * eSim)});
                }
                double tasteReal = dot(theta[u], phiReal[j]) / root;
                if (seenReal) {
                    double z = simMoves ? signal * (0.5 * tasteReal + 0.5 * quality[j])
                            : (1 - gap) * signal * tasteReal + gap * signal * quality[j];
                    realRows.add(new int[] {j, rating(z + noise * eReal)});
                }
            }
            si[u] = simRows.stream().mapToInt(a -> a[0]).toArray();
            sr[u] = toFloat(simRows);
            ri[u] = realRows.stream().mapToInt(a -> a[0]).toArray();
            rr[u] = toFloat(realRows);
        }
        String[] simIds = new String[items];
        String[] realIds = new String[items];
        for (int j = 0; j < items; j++) {
            simIds[j] = "s" + j;
            realIds[j] = "r" + j;
        }
        SimToRealTask task = TaskBuilder.build(String.format(java.util.Locale.ROOT, "gap world (gap %.2f)", gap),
                userIds, new TaskBuilder.Domain("sim", simIds, si, sr), new TaskBuilder.Domain("real", realIds, ri, rr),
                TaskParams.split(params), TaskParams.rules(params), params.getInt("features"),
                TaskParams.simBasis(params), ctx.random("s2r-split"));
        ctx.log(System.Logger.Level.INFO, task.name());
        return new SimToRealEnvironment(task);
    }

    private static int rating(double z) {
        return 1 + (int) Math.round(4 / (1 + Math.exp(-z)));
    }

    private static float[] toFloat(List<int[]> rows) {
        float[] f = new float[rows.size()];
        for (int k = 0; k < f.length; k++) {
            f[k] = rows.get(k)[1];
        }
        return f;
    }

    private static double[][] gaussian(Random rng, int n, int d) {
        double[][] m = new double[n][d];
        for (double[] row : m) {
            for (int c = 0; c < d; c++) {
                row[c] = rng.nextGaussian();
            }
        }
        return m;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
