package org.surrogate.bundles.knownpreference;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.generator.GeneratorModel;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Policy;
import org.surrogate.api.run.RunContext;

/**
 * A fitted known-preference generator: a {@link World}, a logging policy and a choice model, sampled
 * into datasets of choices with timestamps; its ground truth is {@link #truePreferences()}.
 *
 * <p>Sampling runs over blocks of users on {@code threads} named worker threads; each user draws
 * from its own seed (the stream seed of "interactions" of the sampling context mixed with the user),
 * and blocks are added to the dataset in user order, so the dataset depends on the seed only, not on
 * the number of threads.
 *
 * <p>Exposure can also come from any {@link Policy} instead of the {@code loggingPolicy} parameter,
 * such as a recommender's {@link Model#asPolicy()} or the oracle {@code truePreferences().asPolicy()}:
 * {@link #sample(RunContext, Policy)} runs the same users, sessions and choice model with the
 * policy's slates, on the calling thread, user after user, and tells the policy each answer.
 * <pre>{@code
 * GeneratorModel world = generator.fit(null, params, ctx);
 * Dataset logged = world.sample(ctx);                                 // built-in logging policy
 * Model rec = recommender.fit(logged, recParams, ctx);
 * Dataset next = world.sample(ctx, rec.asPolicy());                   // the feedback loop
 * }</pre>
 * Immutable; both {@code sample} methods may run several times and from several threads (a policy
 * is only ever called from the thread that passed it).
 */
final class KnownPreferenceModel implements GeneratorModel {

    /** Interactions a block of users should hold, roughly: big enough to amortise, small to balance. */
    private static final int BLOCK_INTERACTIONS = 32_768;
    private static final long POLL_MILLIS = 200;

    private final String name;
    private final World world;
    private final ChoiceModel choice;
    private final SamplingSettings sampling;
    private final int[] targets;
    private final AliasTable popularity;
    private final RatingScale ratingScale;

    /**
     * Creates the model.
     *
     * @param name        the name of the datasets it samples
     * @param world       the world
     * @param choice      the choice model
     * @param sampling    the sampling settings
     * @param targets     each user's target number of choices (twin mode), or {@code null} for
     *                    {@code interactionsPerUser} each
     * @param ratingScale the rating scale when values are ratings, else {@code null}
     */
    KnownPreferenceModel(String name, World world, ChoiceModel choice, SamplingSettings sampling, int[] targets,
                         RatingScale ratingScale) {
        this.name = name;
        this.world = world;
        this.choice = choice;
        this.sampling = sampling;
        this.targets = targets;
        this.ratingScale = ratingScale;
        this.popularity = sampling.loggingPolicy() == LoggingPolicy.POPULARITY ? popularityTable(world) : null;
    }

    private static AliasTable popularityTable(World world) {
        int n = world.numItems();
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, world.logWeight(i));
        }
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = Math.exp(world.logWeight(i) - max);
        }
        return AliasTable.of(weights);
    }

    /**
     * The world.
     *
     * @return the world
     */
    World world() {
        return world;
    }

    /**
     * The choice model.
     *
     * @return the choice model
     */
    ChoiceModel choiceModel() {
        return choice;
    }

    /**
     * The sampling settings.
     *
     * @return the settings
     */
    SamplingSettings sampling() {
        return sampling;
    }

    /**
     * The alias table of the popularity weights.
     *
     * @return the table when the logging policy is popularity, else {@code null}
     */
    AliasTable popularityTable() {
        return popularity;
    }

    /**
     * A user's target number of choices.
     *
     * @param user the user
     * @return the target
     */
    int target(int user) {
        return targets == null ? sampling.interactionsPerUser() : targets[user];
    }

    /**
     * The number of choices after which a user stops: the target, or no limit in session mode.
     *
     * @param user the user
     * @return {@link #target(int)}, or {@link Integer#MAX_VALUE} when {@code sessionsPerUser > 0}
     */
    int choiceTarget(int user) {
        return sampling.sessionsPerUser() > 0 ? Integer.MAX_VALUE : target(user);
    }

    /**
     * The number of slates after which a user stops even if short of the target.
     *
     * @param user the user
     * @return {@code sessionsPerUser x sessionLength} in session mode, else
     *         {@code ceil(maxSlatesPerInteraction x target)}
     */
    long slateBudget(int user) {
        return sampling.sessionsPerUser() > 0 ? (long) sampling.sessionsPerUser() * sampling.sessionLength()
                : (long) Math.ceil(sampling.maxSlatesPerInteraction() * target(user));
    }

    /**
     * The value of a choice with a given true preference.
     *
     * @param preference the preference
     * @return 1, or the rating
     */
    float value(float preference) {
        return ratingScale == null ? 1f : ratingScale.rating(preference);
    }

    /**
     * The true preferences of this world.
     *
     * @return a model scoring every item by each user's true preference
     */
    @Override
    public Optional<Model> truePreferences() {
        return Optional.of(new TruePreferences(world, sampling.owner()));
    }

    /**
     * Samples a dataset named {@value KnownPreferenceGenerator#ID} (in twin mode
     * {@code "known-preference twin of <reference>"}): every user's choices, value 1 (or a rating) and
     * increasing timestamps. Reports progress and stops when the trial is cancelled.
     *
     * @param ctx the run context: its seed, progress and cancellation
     * @return the dataset
     * @throws org.surrogate.api.run.TrialCancelledException if the trial is cancelled
     */
    @Override
    public Dataset sample(RunContext ctx) {
        int users = world.numUsers();
        int block = blockSize();
        int blocks = (int) ((users + (long) block - 1) / block);
        int threads = Math.max(1, Math.min(sampling.effectiveThreads(), blocks));
        DatasetBuilder builder = Dataset.builder(name, users, world.numItems());
        ctx.progress(0, "sampling " + users + " users on " + threads + " threads");
        int cutShort = sampleBlocks(builder, block, blocks, threads, ctx);
        return finish(builder, cutShort, ctx);
    }

    /**
     * Samples a dataset, named as {@link #sample(RunContext)}'s, whose slates come from a given
     * policy instead of the {@code loggingPolicy} parameter (say a recommender's
     * {@link Model#asPolicy()}): every user in order, on the calling thread, gets the sessions,
     * targets, slate budget, timestamps, values and choice model of the built-in logging (see
     * {@link PolicySampler} for what the policy sees and is told). A user still chooses an item at
     * most once: an earlier choice shown again keeps its place on the slate but is not chosen. The
     * {@code threads} parameter is not used. Reports progress per block of users and stops when the
     * trial is cancelled (checked before each user).
     *
     * <p>Randomness: per-user generators from the stream "interactions" of the context's seed, as in
     * {@link #sample(RunContext)}; so the same seed and a deterministic policy (one that depends only
     * on what it is shown and told, and on its own seeded state) give the same dataset.
     *
     * @param ctx    the run context: its seed, progress and cancellation
     * @param policy chooses each slate of at most {@code slateSize} distinct items; called from one
     *               thread, user after user, and told each answer through {@link Policy#observe}
     * @return the dataset of the users' choices
     * @throws IllegalArgumentException if the policy returns a slate that is null, empty, longer than
     *                                  {@code slateSize}, or has an item out of range or twice
     * @throws NullPointerException if the policy is null
     * @throws org.surrogate.api.run.TrialCancelledException if the trial is cancelled
     */
    @Override
    public Dataset sample(RunContext ctx, Policy policy) {
        Objects.requireNonNull(policy, "policy");
        int users = world.numUsers();
        // At most 100 progress reports, fewer for small worlds: a policy may be slow per slate.
        int block = Math.max(1, Math.min(blockSize(), (int) ((users + 99L) / 100)));
        long seed = RunContext.streamSeed(ctx.seed(), "interactions");
        DatasetBuilder builder = Dataset.builder(name, users, world.numItems());
        ctx.progress(0, "sampling " + users + " users with a given logging policy");
        PolicySampler sampler = new PolicySampler(this, policy);
        int cutShort = 0;
        for (int first = 0; first < users; first += block) {
            int last = (int) Math.min(users, (long) first + block);
            InteractionBuffer out = new InteractionBuffer(first, last - first, BLOCK_INTERACTIONS + 1024);
            for (int u = first; u < last; u++) {
                ctx.checkCancelled();
                sampler.sample(u, SplitMixRandom.mix(seed, u), out);
            }
            out.appendTo(builder);
            cutShort += out.usersCutShort();
            ctx.progress(0.95 * last / users, "sampled " + last + " of " + users + " users, " + builder.size()
                    + " interactions");
        }
        return finish(builder, cutShort, ctx);
    }

    /** Warns about users cut short and builds the dataset, reporting progress from 0.95 to 1. */
    private Dataset finish(DatasetBuilder builder, int cutShort, RunContext ctx) {
        int users = world.numUsers();
        if (cutShort > 0) {
            ctx.log(System.Logger.Level.WARNING, sampling.owner() + ": " + cutShort + " of " + users
                    + " users stopped short of their target after ceil(maxSlatesPerInteraction x target) slates; "
                    + "raise maxSlatesPerInteraction or lower outsideUtility");
        }
        ctx.progress(0.95, "building the dataset of " + builder.size() + " interactions");
        Dataset data = builder.build();
        ctx.progress(1, "sampled " + data.size() + " interactions of " + users + " users");
        return data;
    }

    /**
     * Samples the blocks of users on a pool of worker threads, at most two blocks per thread ahead
     * of the one being added, and adds them to the builder in user order.
     *
     * @return the number of users who stopped short of their target
     */
    private int sampleBlocks(DatasetBuilder builder, int block, int blocks, int threads, RunContext ctx) {
        long seed = RunContext.streamSeed(ctx.seed(), "interactions");
        ThreadLocal<UserSampler> samplers = ThreadLocal.withInitial(() -> new UserSampler(this));
        ExecutorService pool = Executors.newFixedThreadPool(threads, new NamedThreads());
        int users = world.numUsers();
        int cutShort = 0;
        try {
            ArrayDeque<Future<InteractionBuffer>> pending = new ArrayDeque<>();
            int submitted = 0;
            for (; submitted < Math.min(blocks, 2 * threads); submitted++) {
                pending.add(pool.submit(blockTask(submitted, block, seed, samplers, ctx)));
            }
            int lastPercent = 0;
            for (int b = 0; b < blocks; b++) {
                InteractionBuffer done = await(pending.poll(), ctx);
                if (submitted < blocks) {
                    pending.add(pool.submit(blockTask(submitted++, block, seed, samplers, ctx)));
                }
                done.appendTo(builder);
                cutShort += done.usersCutShort();
                int percent = (int) (100L * (b + 1) / blocks);
                if (percent > lastPercent) {
                    lastPercent = percent;
                    ctx.progress(0.95 * (b + 1) / blocks, "sampled " + Math.min(users, (long) (b + 1) * block)
                            + " of " + users + " users, " + builder.size() + " interactions");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return cutShort;
    }

    private int blockSize() {
        long perUser = sampling.sessionsPerUser() > 0
                ? Math.max(1, (long) sampling.sessionsPerUser() * sampling.sessionLength() / 2)
                : Math.max(1, targets == null ? sampling.interactionsPerUser() : mean(targets));
        return (int) Math.max(16, Math.min(65_536, BLOCK_INTERACTIONS / perUser));
    }

    private static long mean(int[] values) {
        long sum = 0;
        for (int v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }

    private java.util.concurrent.Callable<InteractionBuffer> blockTask(int b, int block, long seed,
                                                                       ThreadLocal<UserSampler> samplers,
                                                                       RunContext ctx) {
        int first = b * block;
        int last = (int) Math.min(world.numUsers(), (long) first + block);
        return () -> {
            UserSampler sampler = samplers.get();
            InteractionBuffer out = new InteractionBuffer(first, last - first, BLOCK_INTERACTIONS + 1024);
            for (int u = first; u < last; u++) {
                if ((u & 0xFF) == 0 && ctx.isCancelled()) {
                    break; // the consumer sees the cancellation and throws
                }
                sampler.sample(u, SplitMixRandom.mix(seed, u), out);
            }
            return out;
        };
    }

    /** Waits for a block, checking for cancellation while waiting. */
    private static InteractionBuffer await(Future<InteractionBuffer> future, RunContext ctx) {
        while (true) {
            ctx.checkCancelled();
            try {
                InteractionBuffer out = future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                ctx.checkCancelled();
                return out;
            } catch (TimeoutException e) {
                // not done yet: check cancellation and wait again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("generator '" + KnownPreferenceGenerator.ID
                        + "': interrupted while sampling", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException("generator '" + KnownPreferenceGenerator.ID + "': sampling failed",
                        cause);
            }
        }
    }

    /** Daemon worker threads named "known-preference-sampler-N". */
    private static final class NamedThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "known-preference-sampler-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
