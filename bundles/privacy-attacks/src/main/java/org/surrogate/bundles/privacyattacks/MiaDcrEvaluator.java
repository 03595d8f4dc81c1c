package org.surrogate.bundles.privacyattacks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.api.evaluation.EvaluationResult;
import org.surrogate.api.evaluation.Evaluator;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PaperReference;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.run.RunContext;

/**
 * Membership inference by distance to the closest record (DCR): for every member and every non-member, the
 * distance of its set of items to the closest synthetic record ({@link Distance}, Jaccard by default); the
 * attack says "member" for small distances (score = -distance). A generator that copies or nearly copies
 * its training users puts members closer to the synthetic data than non-members from the same population.
 *
 * <p>Input by the convention of {@link MembershipData}: {@code train} = synthetic, {@code test} = members,
 * {@code foldIn} = non-members (required). Metrics: {@code auc} with {@code auc.lower} and {@code auc.upper}
 * (bootstrap percentile interval), {@code advantage} (max TPR - FPR), {@code dcr.members.mean},
 * {@code dcr.nonmembers.mean}, {@code dcr.members.exact} and {@code dcr.nonmembers.exact} (share at distance
 * 0: an exact copy of the record's item set is in the synthetic data), {@code members}, {@code nonmembers}.
 * Artifact {@value #ARTIFACT}: one row per record (role, dense user id, distance), for ROC curves.
 */
@Component(service = Evaluator.class)
public final class MiaDcrEvaluator implements Evaluator {

    /** The plugin id. */
    public static final String ID = "mia-dcr";
    /** The artifact with every record's distance. */
    public static final String ARTIFACT = "mia-dcr-distances.csv";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.EVALUATOR,
            "Membership inference: distance to closest record",
            "Attacks a synthetic dataset (input train) with the distance of each member (input test: the real users "
                    + "it was fitted on) and non-member (input foldIn: held-out real users) to its closest synthetic "
                    + "user, Jaccard or cosine on item sets; reports the attack AUC with a bootstrap interval and the "
                    + "membership advantage. 0.5 means no membership signal.",
            new PaperReference("Shokri, Stronati, Song, Shmatikov. Membership Inference Attacks Against Machine "
                    + "Learning Models. IEEE S&P 2017; Park et al. Data Synthesis based on Generative Adversarial "
                    + "Networks. VLDB 2018 (distance to closest record); survey section 2.2", null),
            new ParamSchema(specs()));

    private static List<ParamSpec> specs() {
        List<ParamSpec> specs = new ArrayList<>();
        specs.add(Distance.param());
        specs.addAll(AttackReport.specs());
        return specs;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Runs the attack.
     *
     * @param input  train = synthetic, test = members, foldIn = non-members; the model is ignored
     * @param params validated parameters
     * @param ctx    the run context: stream "bootstrap", progress, cancellation, artifact
     * @return the metrics
     * @throws IllegalArgumentException if foldIn is missing, the item spaces differ or a dataset is empty
     */
    @Override
    public EvaluationResult evaluate(EvaluationInput input, Params params, RunContext ctx) {
        MembershipData data = MembershipData.from(ID, input);
        Distance distance = Distance.of(params.getString(Distance.PARAM));
        SyntheticIndex index = new SyntheticIndex(data.synthetic(), data.numItems(), distance);
        ctx.progress(0, "distances of " + data.members().length + " members");
        double[] dm = closest(index, data.members(), ctx);
        ctx.progress(0.4, "distances of " + data.nonMembers().length + " non-members");
        double[] dn = closest(index, data.nonMembers(), ctx);
        ctx.progress(0.8, "attack AUC");
        Map<String, Double> metrics = new LinkedHashMap<>();
        AttackReport.success(metrics, negate(dm), negate(dn), params, ctx);
        metrics.put("dcr.members.mean", AttackReport.mean(dm));
        metrics.put("dcr.nonmembers.mean", AttackReport.mean(dn));
        metrics.put("dcr.members.exact", exact(dm));
        metrics.put("dcr.nonmembers.exact", exact(dn));
        metrics.put("members", (double) dm.length);
        metrics.put("nonmembers", (double) dn.length);
        writeArtifact(ctx, data, dm, dn);
        ctx.progress(1, "membership AUC " + metrics.get("auc"));
        return new EvaluationResult("membership inference by distance to closest record (" + distance.label()
                + " on distinct item sets): train = synthetic, test = members, foldIn = non-members; score = "
                + "-distance; AUC with a " + (params.getInt(AttackReport.RESAMPLES) > 0 ? "bootstrap "
                + params.getDouble(AttackReport.LEVEL) + " interval over " + params.getInt(AttackReport.RESAMPLES)
                + " resamples" : "no interval"), metrics);
    }

    /**
     * The distance of each record to its closest synthetic record.
     *
     * @param index   the synthetic records
     * @param records the queries
     * @param ctx     for cancellation
     * @return the distances
     */
    static double[] closest(SyntheticIndex index, int[][] records, RunContext ctx) {
        double[] d = new double[records.length];
        for (int r = 0; r < records.length; r++) {
            if ((r & 255) == 0) {
                ctx.checkCancelled();
            }
            d[r] = index.nearest(records[r], 1)[0];
        }
        return d;
    }

    private static double[] negate(double[] d) {
        double[] s = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            s[i] = -d[i];
        }
        return s;
    }

    private static double exact(double[] d) {
        int n = 0;
        for (double v : d) {
            n += v == 0 ? 1 : 0;
        }
        return (double) n / d.length;
    }

    private static void writeArtifact(RunContext ctx, MembershipData data, double[] dm, double[] dn) {
        try (OutputStream out = ctx.createArtifact(ARTIFACT);
             Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write("role,user,distance\n");
            for (int r = 0; r < dm.length; r++) {
                w.write("member," + data.memberIds()[r] + "," + dm[r] + "\n");
            }
            for (int r = 0; r < dn.length; r++) {
                w.write("nonmember," + data.nonMemberIds()[r] + "," + dn[r] + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("evaluator '" + ID + "': cannot write artifact " + ARTIFACT, e);
        }
    }
}
