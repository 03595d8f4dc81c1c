package org.surrogate.bundles.knownpreference;

/**
 * A small, fast, seeded random generator (SplitMix64) for the per-user and per-item streams of the
 * known-preference world.
 *
 * <p>Why not {@code java.util.Random}: the world makes one generator per user and per item (so that
 * a user's numbers do not depend on how many users there are, nor on which thread samples them),
 * millions of times; this one is cheap to create, unsynchronised, and its algorithm, including the
 * Gaussian (Marsaglia's polar method), is written here, so the numbers do not change with the JDK.
 * Seeds come only from the run's seed, through {@link #mix(long, long)} and
 * {@link org.surrogate.api.run.RunContext#streamSeed(long, String)}. Not thread-safe.
 */
final class SplitMixRandom {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    /**
     * Creates a generator.
     *
     * @param seed the seed
     */
    SplitMixRandom(long seed) {
        this.state = seed;
    }

    /**
     * The seed of element {@code index} of a stream: a SplitMix64 finaliser over the stream seed and
     * the index, so neighbouring indices get unrelated seeds.
     *
     * @param streamSeed the stream's seed
     * @param index      the element (a user, an item)
     * @return the element's seed
     */
    static long mix(long streamSeed, long index) {
        return finalise(streamSeed + GOLDEN * (index + 1));
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The next 64 random bits.
     *
     * @return the bits
     */
    long nextLong() {
        state += GOLDEN;
        return finalise(state);
    }

    /**
     * A uniform double in [0, 1).
     *
     * @return the number
     */
    double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /**
     * A uniform double in (0, 1): never 0, for logarithms.
     *
     * @return the number
     */
    double nextOpenDouble() {
        return ((nextLong() >>> 12) + 0.5) * 0x1.0p-52;
    }

    /**
     * A uniform integer in [0, bound), without modulo bias (Lemire's method).
     *
     * @param bound the exclusive upper bound, at least 1
     * @return the number
     */
    int nextInt(int bound) {
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /**
     * A standard normal number (Marsaglia's polar method).
     *
     * @return the number
     */
    double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double x;
        double y;
        double s;
        do {
            x = 2 * nextDouble() - 1;
            y = 2 * nextDouble() - 1;
            s = x * x + y * y;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = y * f;
        hasSpare = true;
        return x * f;
    }

    /**
     * A standard Gumbel number, {@code -log(-log(U))}: adding it to log-weights and taking the
     * largest draws in proportion to the weights.
     *
     * @return the number
     */
    double nextGumbel() {
        return -Math.log(-Math.log(nextOpenDouble()));
    }
}
