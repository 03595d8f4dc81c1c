package org.surrogate.bundles.neighborhood;

import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;

/**
 * Random scores, the floor every model must beat. A score is a hash of (seed, user, item) mapped
 * to [0, 1), so repeated calls agree and the model needs no memory; the seed is drawn from the
 * run's stream "random".
 */
@Component(service = Recommender.class)
public final class RandomRecommender implements Recommender {

    /** The plugin id. */
    public static final String ID = "random";

    /** The descriptor; it takes no parameters. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.RECOMMENDER,
            "Random", "Scores every item at random (deterministic per seed, user and item); the baseline "
                    + "every model must beat.", null, ParamSchema.EMPTY);

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Draws the model's seed.
     *
     * @param train  the training data (only its sizes are used)
     * @param params no parameters
     * @param ctx    the run context, whose stream "random" gives the seed
     * @return the model
     */
    @Override
    public Model fit(Dataset train, Params params, RunContext ctx) {
        return new RandomModel(ctx.random(ID).nextLong(), train.numUsers(), train.numItems());
    }

    /** Scores by hashing (seed, user, item). */
    static final class RandomModel implements Model {
        private final long seed;
        private final int numUsers;
        private final int numItems;

        RandomModel(long seed, int numUsers, int numItems) {
            this.seed = seed;
            this.numUsers = numUsers;
            this.numItems = numItems;
        }

        @Override
        public int numItems() {
            return numItems;
        }

        /**
         * Scores every item for a batch of training users.
         *
         * @param users dense user ids of the training data
         * @param out   receives {@code users.length * numItems()} scores in [0, 1)
         * @throws IllegalArgumentException if {@code out} is too short
         * @throws IndexOutOfBoundsException if a user is not in the training data
         */
        @Override
        public void score(int[] users, float[] out) {
            Checks.outputLength(ID, out, users.length, numItems);
            for (int k = 0; k < users.length; k++) {
                Checks.user(ID, users[k], numUsers);
                long rowSeed = mix(seed ^ (0x9E3779B97F4A7C15L * (users[k] + 1L)));
                for (int i = 0; i < numItems; i++) {
                    out[k * numItems + i] = (mix(rowSeed + 0xBF58476D1CE4E5B9L * (i + 1L)) >>> 40) * 0x1.0p-24f;
                }
            }
        }

        /** The SplitMix64 finaliser: a bijective, well-mixing hash of 64 bits. */
        static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
