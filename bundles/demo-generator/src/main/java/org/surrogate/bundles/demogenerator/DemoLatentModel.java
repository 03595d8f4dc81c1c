package org.surrogate.bundles.demogenerator;

import java.util.Random;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.generator.GeneratorModel;
import org.surrogate.api.recommender.TopK;
import org.surrogate.api.run.RunContext;

/**
 * A fitted demo-latent generator: latent vectors and popularity weights, sampled into datasets.
 *
 * <p>A user's items are drawn without replacement with probability proportional to
 * {@code exp(logWeight + u . v)} using Gumbel keys: adding independent Gumbel noise to the log
 * weights and taking the top n gives exactly the sequential draw (Plackett-Luce), in draw order,
 * in one pass over the items.
 */
final class DemoLatentModel implements GeneratorModel {

    /** 2020-09-13T12:26:40Z: a fixed origin so that generated timestamps look like epoch seconds. */
    static final long ORIGIN = 1_600_000_000L;

    private static final String INTERACTION_STREAM = "interactions";
    private static final int SECONDS_PER_DAY = 86_400;

    private final LatentSettings settings;
    private final float[] userFactors;
    private final float[] itemFactors;
    private final float[] logWeights;

    DemoLatentModel(LatentSettings settings, float[] userFactors, float[] itemFactors, float[] logWeights) {
        this.settings = settings;
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.logWeights = logWeights;
    }

    /**
     * The settings this model samples with.
     *
     * @return the settings
     */
    LatentSettings settings() {
        return settings;
    }

    /**
     * Samples a dataset from the context's "interactions" stream; the same seed gives the same
     * dataset.
     *
     * @param ctx the run context
     * @return the dataset, named "demo-latent"
     */
    @Override
    public Dataset sample(RunContext ctx) {
        int numUsers = settings.numUsers();
        int numItems = settings.numItems();
        int perUser = settings.interactionsPerUser();
        Random rng = ctx.random(INTERACTION_STREAM);
        DatasetBuilder builder = Dataset.builder(DemoLatentGenerator.ID, numUsers, numItems);
        float[] keys = new float[numItems];
        int reportEvery = Math.max(1, numUsers / 20);
        for (int u = 0; u < numUsers; u++) {
            if (u % reportEvery == 0) {
                ctx.checkCancelled();
                ctx.progress((double) u / numUsers, "sampling user " + u + " of " + numUsers);
            }
            for (int i = 0; i < numItems; i++) {
                keys[i] = (float) (logWeights[i] + affinity(u, i) + gumbel(rng));
            }
            int[] chosen = TopK.select(keys, 0, numItems, perUser);
            long time = ORIGIN + rng.nextInt(365 * SECONDS_PER_DAY);
            for (int item : chosen) {
                builder.add(u, item, 1f, time);
                time += 1 + rng.nextInt(SECONDS_PER_DAY);
            }
        }
        ctx.progress(1.0, "sampled " + builder.size() + " interactions");
        return builder.build();
    }

    /**
     * The latent affinity {@code u . v} of a user and an item.
     *
     * @param user the user
     * @param item the item
     * @return the dot product of their latent vectors
     */
    double affinity(int user, int item) {
        int f = settings.factors();
        int uo = user * f;
        int io = item * f;
        double s = 0;
        for (int k = 0; k < f; k++) {
            s += userFactors[uo + k] * itemFactors[io + k];
        }
        return s;
    }

    private static double gumbel(Random rng) {
        double x;
        do {
            x = rng.nextDouble();
        } while (x == 0.0);
        return -Math.log(-Math.log(x));
    }
}
