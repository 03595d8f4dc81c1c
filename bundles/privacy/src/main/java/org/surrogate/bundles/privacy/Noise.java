package org.surrogate.bundles.privacy;

import java.util.SplittableRandom;

/**
 * Noise samplers on a seeded {@link SplittableRandom}.
 *
 * <p>Noise is drawn in double precision by inverse transforms; such samplers are not hardened against
 * the floating-point attack on the Laplace mechanism (Mironov, CCS 2012), which matters for deployed
 * systems, not for research on synthetic data.
 */
final class Noise {

    private Noise() {
    }

    /**
     * A Laplace number with location 0 and scale b (density {@code exp(-|x| / b) / 2b}), as the
     * difference of two exponential numbers of mean b.
     *
     * @param rng   the generator
     * @param scale the scale b &gt; 0
     * @return the number
     */
    static double laplace(SplittableRandom rng, double scale) {
        // 1 - nextDouble() is in (0, 1], so the logarithms are finite.
        double e1 = -Math.log(1 - rng.nextDouble());
        double e2 = -Math.log(1 - rng.nextDouble());
        return scale * (e1 - e2);
    }

    /**
     * A normal number with mean 0 and standard deviation sigma.
     *
     * @param rng   the generator
     * @param sigma the standard deviation
     * @return the number
     */
    static double gaussian(SplittableRandom rng, double sigma) {
        return sigma * rng.nextGaussian();
    }
}
