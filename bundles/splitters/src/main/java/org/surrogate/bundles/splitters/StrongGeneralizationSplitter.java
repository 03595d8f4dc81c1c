package org.surrogate.bundles.splitters;

import java.util.List;
import java.util.Random;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PaperReference;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.split.Split;
import org.surrogate.api.split.Splitter;

/**
 * Strong generalization, the protocol of Liang et al. 2018 (Mult-VAE) that CF-SFL also uses: whole
 * users are held out of training, and a model is judged on how it ranks the rest of a held-out
 * user's items from the part it is shown.
 *
 * <p>The procedure, as in the authors' code: the users with at least {@code minInteractions}
 * interactions are shuffled (stream {@value #ID} of the run context); the first {@code h} are test
 * users and, with {@code validation}, the next {@code h} validation users, where {@code h} is
 * {@code heldOutUsers}, or {@code round(heldOutFraction * eligible users)} (at least 1) when that is
 * 0. Train is every interaction of all other users (including those below {@code minInteractions}).
 * With {@code trainItemsOnly} (the default, as Liang et al.) a held-out user's interactions with
 * items that have no training interaction are dropped. Each held-out user's remaining {@code d}
 * interactions are shuffled: the first {@code floor(testProportion * d)} (Liang et al.'s
 * {@code int(test_prop * n)}, but at least 1 when {@code d >= 2}) go to test (validation users': to
 * validation), the rest to fold-in; a user with one interaction has it in fold-in only.
 *
 * <p>The split's {@code test} and {@code validation} hold only the held-out users; {@code foldIn}
 * holds the fold-in of both test and validation users (the split has one fold-in part; their users
 * are disjoint). Liang et al. also kept only users with at least 5 interactions and binarized
 * ratings of at least 3.5 before splitting; that is the loader's work (or {@code minInteractions}).
 */
@Component(service = Splitter.class)
public final class StrongGeneralizationSplitter implements Splitter {

    /** The plugin id. */
    public static final String ID = "strong-generalization";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.SPLITTER,
            "Strong generalization (held-out users)",
            "Holds out whole users: training uses the other users only; each held-out user's interactions are "
                    + "split into a fold-in part shown to the model and a test part it must rank.",
            new PaperReference("Liang, Krishnan, Hoffman and Jebara, Variational Autoencoders for Collaborative "
                    + "Filtering, WWW 2018", "https://doi.org/10.1145/3178876.3186150"),
            ParamSchema.of(
                    ParamSpec.intParam("heldOutUsers").min(0).defaultValue(0)
                            .help("Number of test users (and of validation users); 0 uses heldOutFraction. "
                                    + "Liang et al. hold out 10000 of ML-20M's users for each.").build(),
                    ParamSpec.doubleParam("heldOutFraction").openRange(0, 1).defaultValue(0.2)
                            .help("Fraction of the users with >= minInteractions interactions held out for test "
                                    + "(and again for validation), when heldOutUsers is 0.").build(),
                    ParamSpec.booleanParam("validation").defaultValue(false)
                            .help("Whether a second group of held-out users, as large, makes a validation part."
                            ).build(),
                    ParamSpec.doubleParam("testProportion").openRange(0, 1).defaultValue(0.2)
                            .help("Fraction of each held-out user's interactions to test: floor(testProportion * "
                                    + "d), at least 1 when d >= 2; the rest is fold-in.").build(),
                    ParamSpec.intParam("minInteractions").min(1).defaultValue(1)
                            .help("Only users with at least this many interactions can be held out; the others "
                                    + "stay in train.").build(),
                    ParamSpec.booleanParam("trainItemsOnly").defaultValue(true)
                            .help("Drop held-out users' interactions with items that have no training "
                                    + "interaction, as Liang et al. do.").build()));

    private static final byte TRAIN = 0;
    private static final byte TEST = 1;
    private static final byte VALIDATION = 2;

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Holds out users and splits their interactions into fold-in and test.
     *
     * @param data   the dataset
     * @param params validated parameters (see the class comment)
     * @param ctx    the run context: the random stream {@value #ID}, cancellation
     * @return one split, with fold-in
     * @throws IllegalArgumentException if too few users can be held out to leave a training user
     */
    @Override
    public List<Split> split(Dataset data, Params params, RunContext ctx) {
        boolean validation = params.getBoolean("validation");
        int minInteractions = params.getInt("minInteractions");
        int[] eligible = eligibleUsers(data, minInteractions);
        int h = heldOutCount(params, eligible.length);
        int groups = validation ? 2 : 1;
        if ((long) h * groups >= eligible.length) {
            throw new IllegalArgumentException("splitter '" + ID + "': dataset '" + data.name() + "' has "
                    + eligible.length + " users with >= " + minInteractions + " interactions, too few for " + h
                    + " test users" + (validation ? " and " + h + " validation users" : "")
                    + " and at least one training user; lower heldOutUsers or heldOutFraction");
        }
        Random rng = ctx.random(ID);
        SplitSupport.shuffle(eligible, 0, eligible.length, rng);
        byte[] roles = new byte[data.numUsers()];
        for (int k = 0; k < h * groups; k++) {
            roles[eligible[k]] = k < h ? TEST : VALIDATION;
        }
        Part train = new Part(data, "train");
        boolean[] trainItems = copyTrain(data, roles, train, ctx);
        Part foldIn = new Part(data, "fold-in");
        Part test = new Part(data, "test");
        Part valid = validation ? new Part(data, "validation") : null;
        double p = params.getDouble("testProportion");
        boolean[] keep = params.getBoolean("trainItemsOnly") ? trainItems : null;
        splitHeldOut(data, roles, keep, p, rng, new Part[] {null, test, valid, foldIn}, ctx);
        String description = describe(params, h, eligible.length, data.numUsers() - h * groups);
        ctx.progress(1.0, description);
        return List.of(new Split(description, train.build(), valid == null ? null : valid.build(), test.build(),
                foldIn.build()));
    }

    private static int[] eligibleUsers(Dataset data, int minInteractions) {
        int count = 0;
        for (int u = 0; u < data.numUsers(); u++) {
            count += data.degree(u) >= minInteractions ? 1 : 0;
        }
        int[] users = new int[count];
        int k = 0;
        for (int u = 0; u < data.numUsers(); u++) {
            if (data.degree(u) >= minInteractions) {
                users[k++] = u;
            }
        }
        return users;
    }

    private static int heldOutCount(Params params, int eligible) {
        int fixed = params.getInt("heldOutUsers");
        if (fixed > 0) {
            return fixed;
        }
        return (int) Math.max(1, Math.round(params.getDouble("heldOutFraction") * eligible + 1e-9));
    }

    /** Copies the training users; returns which items they touch. */
    private static boolean[] copyTrain(Dataset data, byte[] roles, Part train, RunContext ctx) {
        boolean[] items = new boolean[data.numItems()];
        for (int u = 0; u < data.numUsers(); u++) {
            SplitSupport.checkCancelled(u, ctx);
            if (roles[u] == TRAIN) {
                for (int i = data.begin(u); i < data.end(u); i++) {
                    train.copy(u, i);
                    items[data.item(i)] = true;
                }
            }
        }
        return items;
    }

    /**
     * Splits each held-out user's interactions (with kept items only, when keep is given) at random
     * into the user's held-out part ({@code parts[role]}) and fold-in ({@code parts[3]}).
     */
    private static void splitHeldOut(Dataset data, byte[] roles, boolean[] keep, double p, Random rng, Part[] parts,
                                     RunContext ctx) {
        int[] kept = new int[0];
        for (int u = 0; u < data.numUsers(); u++) {
            SplitSupport.checkCancelled(u, ctx);
            if (roles[u] == TRAIN) {
                continue;
            }
            if (kept.length < data.degree(u)) {
                kept = new int[Math.max(data.degree(u), 2 * kept.length)];
            }
            int d = 0;
            for (int i = data.begin(u); i < data.end(u); i++) {
                if (keep == null || keep[data.item(i)]) {
                    kept[d++] = i;
                }
            }
            SplitSupport.shuffle(kept, 0, d, rng);
            int t = SplitSupport.flooredCount(d, p);
            for (int k = 0; k < d; k++) {
                (k < t ? parts[roles[u]] : parts[3]).copy(u, kept[k]);
            }
        }
    }

    static String describe(Params params, int h, int eligible, int trainUsers) {
        double p = params.getDouble("testProportion");
        boolean validation = params.getBoolean("validation");
        String share = params.getInt("heldOutUsers") > 0 ? "of the "
                : SplitSupport.percent(params.getDouble("heldOutFraction")) + (validation ? " each" : "") + " of the ";
        return "strong generalization (Liang et al. 2018): " + h + " test users"
                + (validation ? " and " + h + " validation users" : "")
                + " (" + share + eligible + " users with >= " + params.getInt("minInteractions")
                + " interactions), drawn at random and absent from train; each held-out user's interactions"
                + (params.getBoolean("trainItemsOnly") ? " on items seen in train" : "")
                + " split at random into " + SplitSupport.complementPercent(p) + " fold-in and "
                + SplitSupport.percent(p) + " held out (floor(" + SplitSupport.number(p)
                + " d) of d, at least 1 when d >= 2; d = 1: fold-in only)"
                + (validation ? ", validation users' fold-in also in foldIn" : "")
                + "; train = all interactions of the other " + trainUsers + " users";
    }
}
