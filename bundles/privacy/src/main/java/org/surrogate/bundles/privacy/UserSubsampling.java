package org.surrogate.bundles.privacy;

import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PaperReference;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.privacy.PrivacyGuarantee;
import org.surrogate.api.privacy.PrivacyMechanism;
import org.surrogate.api.run.RunContext;

/**
 * Poisson subsampling of users: each user, with all their interactions, is kept independently with
 * probability {@code sampleRate}.
 *
 * <p><b>No guarantee on its own.</b> A kept user's data are released exactly, so this step is not
 * differentially private by itself: its {@link PrivacyGuarantee} has epsilon = Infinity. It is a privacy
 * <em>amplification</em> step: if a mechanism that is (epsilon, delta)-DP with respect to adding or
 * removing one user runs on the sample (and only the mechanism's output is released), the whole is
 * {@code (ln(1 + q (e^epsilon - 1)), q delta)}-DP with {@code q = sampleRate} (Balle, Barthe, Gaboardi,
 * <i>Privacy Amplification by Subsampling: Tight Analyses via Couplings and Divergences</i>, NeurIPS 2018,
 * Poisson subsampling). The amplification assumes who was sampled stays secret: with
 * {@code compactUsers = false} (the default, for alignment with the input) dropped users stay in the id
 * space with no interactions, so the list of user ids is public and only the interactions benefit; with
 * {@code compactUsers = true} only the kept users remain, numbered densely in their original order (item
 * dense ids are kept; original id strings are not carried).
 *
 * <p>Randomness: one generator from the stream {@value #STREAM}, one draw per user in order.
 */
@Component(service = PrivacyMechanism.class)
public final class UserSubsampling implements PrivacyMechanism {

    /** The plugin id. */
    public static final String ID = "user-subsampling";
    /** Parameter: the probability of keeping a user. */
    public static final String RATE = "sampleRate";
    /** Parameter: whether to renumber the kept users densely. */
    public static final String COMPACT = "compactUsers";

    static final String STREAM = "user-subsampling";
    private static final String OWNER = "privacy mechanism '" + ID + "'";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.PRIVACY_MECHANISM,
            "User subsampling (amplification only)",
            "Keeps each user with all their interactions independently with probability sampleRate. Gives NO "
                    + "differential privacy on its own (epsilon = Infinity): it amplifies a user-level (epsilon, delta)-DP "
                    + "mechanism run on the sample to (ln(1 + q(e^epsilon - 1)), q delta) with q = sampleRate, provided "
                    + "who was sampled stays secret.",
            new PaperReference("Balle, Barthe, Gaboardi. Privacy Amplification by Subsampling: Tight Analyses via "
                    + "Couplings and Divergences. NeurIPS 2018", null),
            ParamSchema.of(
                    ParamSpec.doubleParam(RATE).defaultValue(0.5).range(0, 1).greaterThan(0)
                            .help("Probability q of keeping each user, in (0, 1]; 1 keeps everyone and returns the "
                                    + "data unchanged.").build(),
                    ParamSpec.booleanParam(COMPACT).defaultValue(false)
                            .help("Renumber the kept users densely (dropped users disappear, original id strings "
                                    + "are not carried); false keeps the id spaces, dropped users having no "
                                    + "interactions.").build()));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * The guarantee: none on its own.
     *
     * @param params validated parameters
     * @return epsilon Infinity, delta 0, with the amplification rule in the description
     */
    @Override
    public PrivacyGuarantee guarantee(Params params) {
        double q = rate(params);
        return new PrivacyGuarantee(Double.POSITIVE_INFINITY, 0, "no differential privacy on its own (kept users are "
                + "released exactly); amplification only: a user-level (epsilon, delta)-DP mechanism applied to this "
                + "Poisson sample with rate q = " + q + " is (ln(1 + q (e^epsilon - 1)), q delta)-DP if the sample "
                + "stays secret" + (params.getBoolean(COMPACT) ? "" : "; the user id list is kept, so only "
                + "interactions benefit"));
    }

    /**
     * Subsamples the users.
     *
     * @param data   the dataset
     * @param params validated parameters
     * @param ctx    the run context: stream {@value #STREAM}, progress, cancellation, log
     * @return the sample; {@code data} itself when sampleRate is 1
     */
    @Override
    public Dataset apply(Dataset data, Params params, RunContext ctx) {
        double q = rate(params);
        if (q >= 1) {
            ctx.log(System.Logger.Level.INFO, OWNER + ": sampleRate is 1, data returned unchanged");
            return data;
        }
        SplittableRandom rng = new SplittableRandom(RunContext.streamSeed(ctx.seed(), STREAM));
        boolean[] kept = new boolean[data.numUsers()];
        int count = 0;
        for (int u = 0; u < kept.length; u++) {
            kept[u] = rng.nextDouble() < q;
            count += kept[u] ? 1 : 0;
        }
        boolean compact = params.getBoolean(COMPACT);
        String name = data.name() + " (" + ID + " q=" + q + ")";
        DatasetBuilder b = compact ? Dataset.builder(name, count, data.numItems()) : Dataset.builderLike(name, data);
        boolean timed = data.hasTimestamps();
        int next = 0;
        for (int u = 0; u < kept.length; u++) {
            if ((u & 4095) == 0) {
                ctx.checkCancelled();
            }
            if (!kept[u]) {
                continue;
            }
            int target = compact ? next++ : u;
            for (int k = data.begin(u); k < data.end(u); k++) {
                if (timed) {
                    b.add(target, data.item(k), data.value(k), data.timestamp(k));
                } else {
                    b.add(target, data.item(k), data.value(k));
                }
            }
        }
        ctx.log(System.Logger.Level.INFO, OWNER + ": kept " + count + " of " + kept.length + " users");
        ctx.progress(1, "kept " + count + " of " + kept.length + " users");
        return b.build();
    }

    private static double rate(Params params) {
        double q = params.getDouble(RATE);
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException(OWNER + ": " + RATE + " must be in (0, 1], found " + q);
        }
        return q;
    }
}
