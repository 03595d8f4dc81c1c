package org.surrogate.bundles.s2r;

import java.util.List;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;

/**
 * Settings of the S2R-Rec agent and its ablations.
 *
 * <p>Variants (the paper's section 5): {@code full} (dynamics and representation adaptation,
 * jointly trained: the item map is fine-tuned by L_rl, L_sa, L_sas and the adversarial L_dom /
 * L_pred during RL), {@code no-dynada} (representation adaptation only: the DARec item map, fixed),
 * {@code no-repada} (reward correction only, raw SVD features through a shared map learned with the
 * Q network), {@code no-joint} (both, the DARec map fixed during RL), {@code dqn-r} (no adaptation;
 * like every variant it samples a real batch every {@code realInterval} iterations, as the paper's
 * implementation details say of all RL models) and {@code dqn-sim-only} (no adaptation, simulator
 * batches only: the strict reading of "DQN trained in the simulator only").
 */
record AgentSettings(String variant, int iterations, int sessionsPerIteration, int batchSessions, int realInterval,
                     double alphaDyn, double gamma, double learningRate, int hidden, int dim, double epsilonStart,
                     double epsilonEnd, int targetSync, int alignSteps, double lambdaDom, double deltaClip,
                     double dynWarmup, int replaySessions, int classifierBatch) {

    static final List<String> VARIANTS = List.of("full", "no-dynada", "no-repada", "no-joint", "dqn-r", "dqn-sim-only");

    boolean dynAda() {
        return variant.equals("full") || variant.equals("no-repada") || variant.equals("no-joint");
    }

    boolean repAda() {
        return variant.equals("full") || variant.equals("no-dynada") || variant.equals("no-joint");
    }

    boolean joint() {
        return variant.equals("full");
    }

    boolean realBatches() {
        return !variant.equals("dqn-sim-only");
    }

    static ParamSchema schema() {
        return ParamSchema.of(
                ParamSpec.choiceParam("variant", VARIANTS.toArray(String[]::new)).defaultValue("full")
                        .help("full S2R-Rec or an ablation (w/o DynAda, w/o RepAda, w/o JntTrn), DQN-R, DQN on the "
                                + "simulator only.").build(),
                ParamSpec.intParam("iterations").defaultValue(300).range(1, 1_000_000)
                        .help("RL iterations: collect sessions, update the classifiers, one TD step.").build(),
                ParamSpec.intParam("sessionsPerIteration").defaultValue(8).range(1, 10_000)
                        .help("Epsilon-greedy sessions collected per iteration in the simulator (and in the real "
                                + "training budget on real iterations).").build(),
                ParamSpec.intParam("batchSessions").defaultValue(32).range(1, 4096)
                        .help("Whole sessions per TD step (the paper: 32 or 64).").build(),
                ParamSpec.intParam("realInterval").defaultValue(3).range(1, 1000)
                        .help("Every K-th iteration the TD batch comes from the real training budget (the paper: "
                                + "K in {2, 3, 4}).").build(),
                ParamSpec.doubleParam("alphaDyn").defaultValue(0.8).range(0, 10)
                        .help("Weight of the reward correction dr (the paper: 0.6 to 0.9).").build(),
                ParamSpec.doubleParam("gamma").defaultValue(0.9).range(0, 0.999).help("Discount.").build(),
                ParamSpec.doubleParam("learningRate").defaultValue(1e-3).openRange(0, 1).help("Adam step size.").build(),
                ParamSpec.intParam("hidden").defaultValue(32).range(1, 1024).help("LSTM state size.").build(),
                ParamSpec.intParam("dim").defaultValue(16).range(1, 1024).help("Mapped item representation size.").build(),
                ParamSpec.doubleParam("epsilonStart").defaultValue(1.0).range(0, 1).help("Initial exploration.").build(),
                ParamSpec.doubleParam("epsilonEnd").defaultValue(0.05).range(0, 1)
                        .help("Exploration after the first half of the iterations (linear decay).").build(),
                ParamSpec.intParam("targetSync").defaultValue(20).range(1, 1_000_000)
                        .help("Iterations between target network copies.").build(),
                ParamSpec.intParam("alignSteps").defaultValue(300).range(0, 1_000_000)
                        .help("Adversarial representation adaptation steps before RL (variants with RepAda).").build(),
                ParamSpec.doubleParam("lambdaDom").defaultValue(0.1).range(0, 100)
                        .help("Weight of the reversed domain loss on the maps.").build(),
                ParamSpec.doubleParam("deltaClip").defaultValue(1.0).greaterThan(0)
                        .help("The correction dr is clipped to [-deltaClip, deltaClip] (stability; not in the paper)."
                        ).build(),
                ParamSpec.doubleParam("dynWarmup").defaultValue(0.2).range(0, 1)
                        .help("Share of the iterations the classifiers train before dr is applied.").build(),
                ParamSpec.intParam("replaySessions").defaultValue(2000).range(1, 10_000_000)
                        .help("Sessions kept per domain for replay.").build(),
                ParamSpec.intParam("classifierBatch").defaultValue(128).range(2, 100_000)
                        .help("Transitions per classifier step (half simulation, half real).").build());
    }

    static AgentSettings from(Params p) {
        double e0 = p.getDouble("epsilonStart");
        double e1 = p.getDouble("epsilonEnd");
        if (e1 > e0) {
            throw new IllegalArgumentException("epsilonEnd: must not exceed epsilonStart " + e0 + ", found " + e1);
        }
        return new AgentSettings(p.getString("variant"), p.getInt("iterations"), p.getInt("sessionsPerIteration"),
                p.getInt("batchSessions"), p.getInt("realInterval"), p.getDouble("alphaDyn"), p.getDouble("gamma"),
                p.getDouble("learningRate"), p.getInt("hidden"), p.getInt("dim"), e0, e1, p.getInt("targetSync"),
                p.getInt("alignSteps"), p.getDouble("lambdaDom"), p.getDouble("deltaClip"), p.getDouble("dynWarmup"),
                p.getInt("replaySessions"), p.getInt("classifierBatch"));
    }
}
