package org.surrogate.bundles.s2r;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Representation adaptation (the paper's equations 1 and 2, after DARec): linear maps of the SVD
 * user and item features of each domain ({@code W_U}, {@code W_V}, one slot per domain, see
 * {@link ItemFeatures}) trained to predict the observed ratings of both domains
 * ({@code L_pred = mean (<u~, v~> - y~)^2} with {@code y~ = (y - threshold)/(max - threshold)})
 * while making the mapped users and items of the two domains indistinguishable to the classifiers
 * D_U and D_V ({@code L_dom}, logistic). The min-max is solved with a gradient reversal: the
 * classifiers descend {@code L_dom}, the maps descend {@code L_pred - lambda L_dom}; the two
 * gradients come from two small SameDiff graphs that share the parameter arrays.
 */
final class RepresentationAligner {

    private final SimToRealTask task;
    private final ItemFeatures pad;
    private final int dim;
    private final int units;
    private final double lambda;
    private final Map<String, INDArray> params;
    private final SameDiff pred;
    private final SameDiff dom;
    private final List<String> disc = new ArrayList<>();
    private final Adam adamMaps;
    private final Adam adamDisc;
    private final Random rng;
    private final float[][] simItemsPad;
    private final float[][] realItemsPad;
    private final float[][] simUsersPad;
    private final float[][] realUsersPad;
    private final int batch;

    RepresentationAligner(SimToRealTask task, ItemFeatures pad, int dim, int units, double lambda, double rate,
                          int batch, Map<String, INDArray> params, Random rng) {
        this.task = task;
        this.pad = pad;
        this.dim = dim;
        this.units = units;
        this.lambda = lambda;
        this.params = params;
        this.rng = rng;
        this.batch = batch;
        params.computeIfAbsent("wv", n -> Dense.glorot(pad.width(), dim, rng));
        params.computeIfAbsent("wu", n -> Dense.glorot(pad.width(), dim, rng));
        for (String c : new String[] {"du", "dv"}) {
            params.put(c + "_w1", Dense.glorot(dim, units, rng));
            params.put(c + "_b1", Dense.constant(units, 0f));
            params.put(c + "_w2", Dense.glorot(units, 1, rng));
            params.put(c + "_b2", Dense.constant(1, 0f));
            disc.add(c + "_w1");
            disc.add(c + "_b1");
            disc.add(c + "_w2");
            disc.add(c + "_b2");
        }
        this.simItemsPad = pad.padded(task.simItemFeatures(), false);
        this.realItemsPad = pad.padded(task.realItemFeatures(), true);
        this.simUsersPad = pad.padded(task.simUserFeatures(), false);
        this.realUsersPad = pad.padded(task.realTrainUserFeatures(), true);
        this.adamMaps = new Adam(rate, 5);
        this.adamDisc = new Adam(rate, 5);
        this.pred = buildPred();
        this.dom = buildDom();
    }

    private SameDiff buildPred() {
        SameDiff g = SameDiff.create();
        SDVariable wu = g.var("wu", params.get("wu"));
        SDVariable wv = g.var("wv", params.get("wv"));
        SDVariable uf = g.placeHolder("uf", DataType.FLOAT, -1, pad.width());
        SDVariable vf = g.placeHolder("vf", DataType.FLOAT, -1, pad.width());
        SDVariable y = g.placeHolder("y", DataType.FLOAT, -1);
        SDVariable p = g.sum(g.mmul(uf, wu).mul(g.mmul(vf, wv)), 1);
        SDVariable d = p.sub(y);
        g.mean("loss", d.mul(d));
        g.setLossVariables("loss");
        return g;
    }

    private SameDiff buildDom() {
        SameDiff g = SameDiff.create();
        Map<String, SDVariable> p = new HashMap<>();
        for (String n : disc) {
            p.put(n, g.var(n, params.get(n)));
        }
        SDVariable wu = g.var("wu", params.get("wu"));
        SDVariable wv = g.var("wv", params.get("wv"));
        SDVariable ud = g.placeHolder("ud", DataType.FLOAT, -1, pad.width());
        SDVariable ul = g.placeHolder("ul", DataType.FLOAT, -1, 1);
        SDVariable vd = g.placeHolder("vd", DataType.FLOAT, -1, pad.width());
        SDVariable vl = g.placeHolder("vl", DataType.FLOAT, -1, 1);
        SDVariable lu = bce(g, logit(g, p, "du", g.mmul(ud, wu)), ul);
        SDVariable lv = bce(g, logit(g, p, "dv", g.mmul(vd, wv)), vl);
        lu.add("loss", lv);
        g.setLossVariables("loss");
        return g;
    }

    private static SDVariable logit(SameDiff g, Map<String, SDVariable> p, String c, SDVariable in) {
        SDVariable z = g.math().tanh(g.mmul(in, p.get(c + "_w1")).add(p.get(c + "_b1")));
        return g.mmul(z, p.get(c + "_w2")).add(p.get(c + "_b2"));
    }

    private static SDVariable bce(SameDiff g, SDVariable logit, SDVariable y) {
        SDVariable pos = y.mul(g.nn().logSigmoid(logit));
        SDVariable neg = y.rsub(1.0).mul(g.nn().logSigmoid(logit.neg()));
        return g.mean(pos.add(neg)).neg();
    }

    /**
     * One adversarial step: half the rating batch from each domain, equal numbers of simulation and
     * real users and items for the classifiers.
     *
     * @param updateItemMap whether W_V moves (false keeps the item map fixed)
     * @return {L_pred, L_dom} before the step
     */
    double[] step(boolean updateItemMap) {
        SessionRules rules = task.rules();
        double scale = rules.maxRating() - rules.threshold();
        int half = batch / 2;
        float[][] uf = new float[2 * half][];
        float[][] vf = new float[2 * half][];
        float[][] y = new float[1][2 * half];
        for (int i = 0; i < 2 * half; i++) {
            boolean real = i >= half;
            RatingTable t = real ? task.real() : task.sim();
            int row;
            int user;
            if (real) {
                user = rng.nextInt(task.realTrain().length);
                row = task.realTrain()[user];
            } else {
                do {
                    row = rng.nextInt(t.numUsers());
                } while (t.itemsOf(row).length == 0);
                user = row;
            }
            int[] items = t.itemsOf(row);
            int p = rng.nextInt(items.length);
            uf[i] = real ? realUsersPad[user] : simUsersPad[user];
            vf[i] = real ? realItemsPad[items[p]] : simItemsPad[items[p]];
            y[0][i] = (float) ((t.ratingsOf(row)[p] - rules.threshold()) / scale);
        }
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("uf", Dense.matrix(uf, pad.width()));
        ph.put("vf", Dense.matrix(vf, pad.width()));
        ph.put("y", Dense.matrix(y, 2 * half).reshape(2 * half));
        List<String> maps = updateItemMap ? List.of("wu", "wv") : List.of("wu");
        bind(pred, List.of("wu", "wv"));
        OutAndGrad gp = pred.calculateGradientsAndOutputs(ph, List.of("loss"), maps);
        double lp = gp.getOutputs().get("loss").getDouble(0);

        float[][] ud = new float[2 * half][];
        float[][] vd = new float[2 * half][];
        float[][] lab = new float[2 * half][1];
        for (int i = 0; i < 2 * half; i++) {
            boolean real = i >= half;
            lab[i][0] = real ? 1 : 0;
            ud[i] = real ? realUsersPad[rng.nextInt(realUsersPad.length)] : simUsersPad[rng.nextInt(simUsersPad.length)];
            vd[i] = real ? realItemsPad[rng.nextInt(realItemsPad.length)] : simItemsPad[rng.nextInt(simItemsPad.length)];
        }
        Map<String, INDArray> pd = new HashMap<>();
        pd.put("ud", Dense.matrix(ud, pad.width()));
        pd.put("ul", Dense.matrix(lab, 1));
        pd.put("vd", Dense.matrix(vd, pad.width()));
        pd.put("vl", Dense.matrix(lab, 1));
        List<String> all = new ArrayList<>(disc);
        all.addAll(maps);
        bind(dom, all);
        OutAndGrad gd = dom.calculateGradientsAndOutputs(pd, List.of("loss"), all);
        double ld = gd.getOutputs().get("loss").getDouble(0);
        if (!Double.isFinite(lp) || !Double.isFinite(ld)) {
            throw new IllegalStateException("representation adaptation loss is " + lp + " / " + ld);
        }
        Map<String, INDArray> mapGrad = new HashMap<>();
        for (String n : maps) {
            // gradient reversal: the maps ascend L_dom while descending L_pred
            mapGrad.put(n, gp.getGradients().get(n).sub(gd.getGradients().get(n).mul(lambda)));
        }
        adamMaps.step(params, mapGrad, maps);
        adamDisc.step(params, gd.getGradients(), disc);
        return new double[] {lp, ld};
    }

    private void bind(SameDiff g, List<String> names) {
        for (String n : names) {
            g.getVariable(n).setArray(params.get(n));
        }
    }

    /** The mapped representation x W of padded rows. */
    float[][] map(String name, float[][] padded) {
        float[] w = Dense.snapshot(params, name);
        float[][] out = new float[padded.length][];
        for (int i = 0; i < padded.length; i++) {
            out[i] = new float[dim];
            Dense.affine(padded[i], 0, pad.width(), w, dim, out[i]);
        }
        return out;
    }

    int units() {
        return units;
    }
}
