package org.surrogate.bundles.neighborhood;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * run's stream "random". A saved random model is its seed and sizes ({@link ModelFormat}: header
 * long seed, ints users and items, no arrays), so a loaded one gives the same scores.
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

    /**
     * Reads a model written by {@link Model#save} of a random model.
     *
     * @param in     the saved model; not closed, and not read past its end
     * @param params no parameters
     * @return a model giving the same scores as the one saved
     * @throws IOException if the stream is unreadable, empty, truncated, corrupt, of another format
     *                     version or of another recommender; the message says which
     */
    @Override
    public Model load(InputStream in, Params params) throws IOException {
        return RandomModel.read(in);
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

        /**
         * Writes the seed and the sizes.
         *
         * @param out the stream; not closed
         * @throws IOException if writing fails
         */
        @Override
        public void save(OutputStream out) throws IOException {
            new ModelFormat.Writer(out, ID).writeLong(seed).writeInt(numUsers).writeInt(numItems).endHeaderAndFinish();
        }

        static RandomModel read(InputStream in) throws IOException {
            ModelFormat.Reader r = new ModelFormat.Reader(in, ID);
            long seed = r.readLong("the seed");
            int users = r.readCount("the number of users");
            int items = r.readCount("the number of items");
            r.endHeader();
            r.finish();
            return new RandomModel(seed, users, items);
        }

        /** The SplitMix64 finaliser: a bijective, well-mixing hash of 64 bits. */
        static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
