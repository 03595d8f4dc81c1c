package org.surrogate.bundles.s2r;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.simulator.Observation;
import org.surrogate.api.simulator.StepResult;

/**
 * Trains the S2R-Rec agent (or an ablation) on a {@link SimToRealTask}.
 *
 * <ol>
 *   <li>Representation adaptation (variants with RepAda): {@code alignSteps} adversarial steps of
 *       {@link RepresentationAligner} give the item map W_V (the DARec representations).</li>
 *   <li>RL, for {@code iterations} iterations: collect epsilon-greedy sessions in the simulator
 *       (and, every {@code realInterval}-th iteration, in the real training budget); train D_sa and
 *       D_sas on balanced simulation/real transitions (DynAda); one TD step on whole sessions, from
 *       the real replay on real iterations and otherwise from the simulation replay with the reward
 *       {@code r + alphaDyn * clip(dr)} once the classifiers have warmed up; in joint training
 *       (full S2R-Rec) the item map also takes the classifier gradients and one adversarial step
 *       per iteration, so the whole objective L_rl + L_sa + L_sas + L_dom (+ L_pred) is optimised
 *       together.</li>
 * </ol>
 *
 * Metric curves per iteration: {@code reward/sim}, {@code reward/real-train} (mean reward per step
 * of the sessions collected), {@code loss/rl}, {@code loss/sa}, {@code loss/sas}, {@code loss/pred},
 * {@code loss/dom}, {@code delta-r} (mean correction applied), {@code epsilon}; {@code align/...}
 * during representation adaptation.
 */
final class S2rAgent {

    private final SimToRealTask task;
    private final AgentSettings s;
    private final RunContext ctx;
    private final Random rng;
    private final String plugin;
    private final Map<String, INDArray> params = new HashMap<>();
    private final ItemFeatures pad;
    private final float[][] simPad;
    private final float[][] realPad;
    private final Deque<Session> simReplay = new ArrayDeque<>();
    private final Deque<Session> realReplay = new ArrayDeque<>();
    private RepresentationAligner aligner;
    private QNetwork qnet;
    private DynamicsClassifiers dyn;

    S2rAgent(SimToRealTask task, AgentSettings settings, RunContext ctx, String plugin) {
        this.task = task;
        this.s = settings;
        this.ctx = ctx;
        this.plugin = plugin;
        this.rng = ctx.random("s2r-agent");
        this.pad = new ItemFeatures(task.features(), settings.repAda());
        this.simPad = pad.padded(task.simItemFeatures(), false);
        this.realPad = pad.padded(task.realItemFeatures(), true);
    }

    /**
     * Trains and returns the greedy policy over the real domain's items.
     *
     * @return the policy
     * @throws IllegalStateException if a loss becomes NaN or infinite (names the iteration)
     */
    S2rPolicy train() {
        long started = System.nanoTime();
        if (s.repAda()) {
            aligner = new RepresentationAligner(task, pad, s.dim(), 32, s.lambdaDom(), s.learningRate(), 256, params, rng);
            for (int i = 0; i < s.alignSteps(); i++) {
                ctx.checkCancelled();
                double[] l = guarded(() -> aligner.step(true), "representation adaptation step " + i);
                if (i % 5 == 0 || i == s.alignSteps() - 1) {
                    ctx.metric("align/loss-pred", i, l[0]);
                    ctx.metric("align/loss-dom", i, l[1]);
                }
                if (i % 50 == 0) {
                    ctx.progress(0.2 * i / Math.max(1, s.alignSteps()), "representation adaptation " + i);
                }
            }
        }
        qnet = new QNetwork(pad.width(), s.dim(), s.hidden(), task.rules().horizon(), s.batchSessions(), params, rng);
        List<String> qUpdate = new ArrayList<>(qnet.names());
        if (s.repAda() && !s.joint()) {
            qUpdate.remove("wv");
        }
        List<String> dynUpdate = new ArrayList<>();
        if (s.dynAda()) {
            dyn = new DynamicsClassifiers(pad.width(), s.dim(), s.hidden(), 32, params, rng);
            dynUpdate.addAll(dyn.names());
            if (s.joint()) {
                dynUpdate.add("wv");
            }
        }
        Adam adamQ = new Adam(s.learningRate(), 5);
        Adam adamD = new Adam(s.learningRate(), 5);
        ReplayEnvironment simEnv = task.simEnvironment();
        ReplayEnvironment realEnv = task.realTrainEnvironment();
        QSnapshot target = qnet.snapshot();
        int warm = (int) Math.round(s.dynWarmup() * s.iterations());
        for (int it = 0; it < s.iterations(); it++) {
            ctx.checkCancelled();
            final int iter = it;
            double eps = epsilon(it);
            QSnapshot online = qnet.snapshot();
            boolean realIt = s.realBatches() && it % s.realInterval() == 0;
            List<Session> fresh = collect(simEnv, false, online, eps);
            ctx.metric("reward/sim", it, meanReward(fresh));
            add(simReplay, fresh);
            if (realIt || (s.dynAda() && realReplay.isEmpty())) {
                List<Session> realFresh = collect(realEnv, true, online, eps);
                ctx.metric("reward/real-train", it, meanReward(realFresh));
                add(realReplay, realFresh);
            }
            DynamicsClassifiers.Snapshot dsnap = null;
            if (s.dynAda()) {
                double[] l = guarded(() -> trainClassifiers(online, adamD, dynUpdate), "classifier step " + it);
                ctx.metric("loss/sa", it, l[0]);
                ctx.metric("loss/sas", it, l[1]);
                dsnap = it >= warm ? dyn.snapshot() : null;
            }
            boolean fromReal = realIt && !realReplay.isEmpty();
            List<Session> batch = sample(fromReal ? realReplay : simReplay, s.batchSessions());
            final DynamicsClassifiers.Snapshot correction = fromReal ? null : dsnap;
            final QSnapshot tgt = target;
            double[] applied = new double[1];
            double loss = guarded(() -> tdStep(batch, online, tgt, correction, adamQ, qUpdate, applied),
                    "TD step " + iter)[0];
            ctx.metric("loss/rl", it, loss);
            if (correction != null) {
                ctx.metric("delta-r", it, applied[0]);
            }
            if (s.repAda() && s.joint()) {
                double[] l = guarded(() -> aligner.step(true), "joint representation step " + it);
                ctx.metric("loss/pred", it, l[0]);
                ctx.metric("loss/dom", it, l[1]);
            }
            ctx.metric("epsilon", it, eps);
            if ((it + 1) % s.targetSync() == 0) {
                target = qnet.snapshot();
            }
            if (it % 10 == 0) {
                ctx.progress(0.2 + 0.8 * it / s.iterations(), "iteration " + it + " of " + s.iterations());
            }
        }
        QSnapshot last = qnet.snapshot();
        ctx.result("train-seconds", (System.nanoTime() - started) / 1e9);
        ctx.progress(1, "trained " + s.iterations() + " iterations");
        return new S2rPolicy(last, last.itemVectors(realPad));
    }

    private interface Step {
        double[] run();
    }

    private double[] guarded(Step step, String what) {
        try {
            return step.run();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("recommender '" + plugin + "' (" + s.variant() + "): " + e.getMessage()
                    + " at " + what + "; training stopped (try a lower learningRate)", e);
        }
    }

    private double epsilon(int it) {
        double half = Math.max(1, s.iterations() / 2.0);
        double f = Math.min(1, it / half);
        return s.epsilonStart() + f * (s.epsilonEnd() - s.epsilonStart());
    }

    private void add(Deque<Session> replay, List<Session> sessions) {
        for (Session x : sessions) {
            replay.addLast(x);
            if (replay.size() > s.replaySessions()) {
                replay.removeFirst();
            }
        }
    }

    private List<Session> sample(Deque<Session> replay, int n) {
        List<Session> all = new ArrayList<>(replay);
        List<Session> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(all.get(rng.nextInt(all.size())));
        }
        return out;
    }

    private static double meanReward(List<Session> sessions) {
        double sum = 0;
        int n = 0;
        for (Session x : sessions) {
            for (float r : x.rewards()) {
                sum += r;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** Epsilon-greedy sessions of random users of an environment. */
    private List<Session> collect(ReplayEnvironment env, boolean real, QSnapshot net, double eps) {
        float[][] vecs = net.itemVectors(real ? realPad : simPad);
        int horizon = env.horizon();
        List<Session> out = new ArrayList<>();
        for (int k = 0; k < s.sessionsPerIteration(); k++) {
            Observation obs = env.reset(rng.nextInt(env.numUsers()));
            float[] h = new float[net.hidden];
            float[] c = new float[net.hidden];
            boolean[] shown = new boolean[vecs.length];
            int[] items = new int[horizon];
            float[] rewards = new float[horizon];
            int hits = 0;
            for (int t = 0; t < horizon; t++) {
                int a = rng.nextDouble() < eps ? randomUnshown(shown) : QSnapshot.best(net.query(h), vecs, shown);
                StepResult res = env.step(obs, new int[] {a});
                items[t] = a;
                rewards[t] = (float) res.reward();
                hits += res.feedback()[0];
                shown[a] = true;
                net.step(h, c, vecs[a], rewards[t]);
                obs = res.next();
            }
            out.add(new Session(real, items, rewards, hits));
        }
        return out;
    }

    private int randomUnshown(boolean[] shown) {
        int a;
        do {
            a = rng.nextInt(shown.length);
        } while (shown[a]);
        return a;
    }

    /** LSTM states h_0..h_{T-1} of a session under a network. */
    private static float[][] states(Session x, QSnapshot net, float[][] vecs) {
        int horizon = x.items().length;
        float[][] hs = new float[horizon][];
        float[] h = new float[net.hidden];
        float[] c = new float[net.hidden];
        for (int t = 0; t < horizon; t++) {
            hs[t] = h.clone();
            net.step(h, c, vecs[x.items()[t]], x.rewards()[t]);
        }
        return hs;
    }

    private double[] trainClassifiers(QSnapshot online, Adam adam, List<String> update) {
        int half = Math.max(1, s.classifierBatch() / 2);
        float[][] simVecs = online.itemVectors(simPad);
        float[][] realVecs = online.itemVectors(realPad);
        List<Session> sims = new ArrayList<>(simReplay);
        List<Session> reals = new ArrayList<>(realReplay);
        float[][] hs = new float[2 * half][];
        float[][] feats = new float[2 * half][];
        float[] rewards = new float[2 * half];
        float[] labels = new float[2 * half];
        for (int i = 0; i < 2 * half; i++) {
            boolean real = i >= half;
            Session x = real ? reals.get(rng.nextInt(reals.size())) : sims.get(rng.nextInt(sims.size()));
            int t = rng.nextInt(x.items().length);
            hs[i] = states(x, online, real ? realVecs : simVecs)[t];
            feats[i] = (real ? realPad : simPad)[x.items()[t]];
            rewards[i] = x.rewards()[t];
            labels[i] = real ? 1 : 0;
        }
        return dyn.train(hs, feats, rewards, labels, adam, update);
    }

    private double[] tdStep(List<Session> batch, QSnapshot online, QSnapshot target,
                            DynamicsClassifiers.Snapshot correction, Adam adam, List<String> update, double[] applied) {
        int b = batch.size();
        int horizon = task.rules().horizon();
        float[][][] feats = new float[b][horizon][];
        float[][] rewards = new float[b][horizon];
        float[][] y = new float[b][horizon];
        double deltaSum = 0;
        float[][][] targetVecs = {target.itemVectors(simPad), target.itemVectors(realPad)};
        float[][][] onlineVecs = correction == null ? null
                : new float[][][] {online.itemVectors(simPad), online.itemVectors(realPad)};
        for (int i = 0; i < b; i++) {
            Session x = batch.get(i);
            int domain = x.real() ? 1 : 0;
            float[][] padRows = x.real() ? realPad : simPad;
            float[][] tv = targetVecs[domain];
            float[][] hsOnline = correction == null ? null : states(x, online, onlineVecs[domain]);
            float[] h = new float[target.hidden];
            float[] c = new float[target.hidden];
            boolean[] shown = new boolean[padRows.length];
            for (int t = 0; t < horizon; t++) {
                int a = x.items()[t];
                feats[i][t] = padRows[a];
                rewards[i][t] = x.rewards()[t];
                double r = x.rewards()[t];
                if (correction != null) {
                    double d = correction.delta(hsOnline[t], padRows[a], x.rewards()[t]);
                    d = Math.max(-s.deltaClip(), Math.min(s.deltaClip(), d));
                    deltaSum += d;
                    r += s.alphaDyn() * d;
                }
                shown[a] = true;
                target.step(h, c, tv[a], x.rewards()[t]);
                double next = t < horizon - 1 ? s.gamma() * QSnapshot.max(target.query(h), tv, shown) : 0;
                y[i][t] = (float) (r + next);
            }
        }
        applied[0] = deltaSum / (b * horizon);
        return new double[] {qnet.train(feats, rewards, y, adam, update)};
    }

    /** For tests: the classifiers and states after training. */
    DynamicsClassifiers classifiers() {
        return dyn;
    }

    QNetwork network() {
        return qnet;
    }

    float[][] padded(boolean real) {
        return real ? realPad : simPad;
    }

    /** Mean and mean absolute correction over the transitions of the simulation replay (tests). */
    double[] meanDelta(int samples) {
        QSnapshot online = qnet.snapshot();
        float[][] simVecs = online.itemVectors(simPad);
        DynamicsClassifiers.Snapshot snap = dyn.snapshot();
        List<Session> sims = new ArrayList<>(simReplay);
        Random r = new Random(7);
        double sum = 0;
        double abs = 0;
        for (int i = 0; i < samples; i++) {
            Session x = sims.get(r.nextInt(sims.size()));
            int t = r.nextInt(x.items().length);
            double d = snap.delta(states(x, online, simVecs)[t], simPad[x.items()[t]], x.rewards()[t]);
            sum += d;
            abs += Math.abs(d);
        }
        return new double[] {sum / samples, abs / samples};
    }
}
