package org.surrogate.bundles.privacy;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.run.RunContext;

/**
 * Input perturbation of rating values, shared by the Laplace and Gaussian mechanisms: every interaction
 * keeps its user, item and timestamp, and its value becomes {@code release(clip(value) + noise)}
 * ({@link RatingRange}). Noise is drawn in interaction order from one generator seeded by the run's
 * stream {@code stream}, so the output depends only on the seed.
 */
final class RatingPerturbation {

    private RatingPerturbation() {
    }

    /**
     * Perturbs every rating.
     *
     * @param data   the dataset
     * @param name   the name of the result
     * @param range  the rating scale
     * @param noise  draws one noise value
     * @param stream the random stream name
     * @param ctx    the run context: seed, progress, cancellation, log
     * @return the perturbed dataset, sharing the id spaces of {@code data}
     */
    static Dataset apply(Dataset data, String name, RatingRange range, ToDoubleFunction<SplittableRandom> noise,
                         String stream, RunContext ctx) {
        SplittableRandom rng = new SplittableRandom(RunContext.streamSeed(ctx.seed(), stream));
        DatasetBuilder b = Dataset.builderLike(name, data);
        boolean timed = data.hasTimestamps();
        long clipped = 0;
        int users = data.numUsers();
        for (int u = 0; u < users; u++) {
            if ((u & 4095) == 0) {
                ctx.checkCancelled();
                ctx.progress((double) u / Math.max(1, users), "perturbing ratings of user " + u + " of " + users);
            }
            for (int k = data.begin(u); k < data.end(u); k++) {
                double v = data.value(k);
                double c = range.clip(v);
                clipped += c != v ? 1 : 0;
                float out = (float) range.release(c + noise.applyAsDouble(rng));
                if (timed) {
                    b.add(u, data.item(k), out, data.timestamp(k));
                } else {
                    b.add(u, data.item(k), out);
                }
            }
        }
        if (clipped > 0) {
            ctx.log(System.Logger.Level.INFO, range.owner() + ": " + clipped + " of " + data.size()
                    + " ratings were outside [" + Budget.format(range.min()) + ", " + Budget.format(range.max())
                    + "] and were clipped before the noise");
        }
        ctx.progress(1, "perturbed " + data.size() + " ratings");
        return b.build();
    }
}
