package org.surrogate.bundles.splitters;

import java.util.List;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.split.Split;

/**
 * The per-user holdout the random, per-user temporal and leave-one-out splitters share: each
 * user's interactions are put in an order, the first ones of that order go to test, the next ones
 * to validation and the rest to train. The splitters differ only in the order (shuffled, or latest
 * first) and in how many go to each part.
 */
final class PerUserSplit {

    /** Puts a user's interaction positions {@code 0..d-1} in the order they are dealt, test first. */
    @FunctionalInterface
    interface Order {
        /**
         * Fills {@code order[0..d)} with a permutation of {@code 0..d-1}.
         *
         * @param order the array to fill, at least d long
         * @param d     the user's number of interactions
         */
        void fill(int[] order, int d);
    }

    /** How many of a user's interactions go to test and to validation. */
    interface Counts {
        /**
         * The number held out for test.
         *
         * @param d the user's number of interactions
         * @return the count, in [0, d - 1]; 0 keeps the whole user in train
         */
        int test(int d);

        /**
         * The number held out for validation from what test left.
         *
         * @param rest the interactions left after test, at least 1
         * @return the count, in [0, rest - 1]
         */
        int validation(int rest);
    }

    private PerUserSplit() {
    }

    /**
     * Splits every user.
     *
     * @param data           the dataset
     * @param withValidation whether to build a validation part
     * @param order          the order in which a user's interactions are dealt
     * @param counts         how many go to test and validation
     * @param description    the split's description
     * @param ctx            the run context, for cancellation
     * @return the single split
     */
    static List<Split> split(Dataset data, boolean withValidation, Order order, Counts counts, String description,
                             RunContext ctx) {
        Part train = new Part(data, "train");
        Part test = new Part(data, "test");
        Part validation = withValidation ? new Part(data, "validation") : null;
        int[] positions = new int[0];
        for (int u = 0; u < data.numUsers(); u++) {
            SplitSupport.checkCancelled(u, ctx);
            int d = data.degree(u);
            int t = d == 0 ? 0 : counts.test(d);
            if (t == 0) {
                train.copyUser(u);
                continue;
            }
            int v = withValidation ? counts.validation(d - t) : 0;
            if (positions.length < d) {
                positions = new int[Math.max(d, 2 * positions.length)];
            }
            order.fill(positions, d);
            int begin = data.begin(u);
            for (int k = 0; k < d; k++) {
                Part target = k < t ? test : k < t + v ? validation : train;
                target.copy(u, begin + positions[k]);
            }
        }
        ctx.progress(1.0, description);
        return List.of(new Split(description, train.build(), validation == null ? null : validation.build(),
                test.build(), null));
    }

    /**
     * Fills the identity {@code 0..d-1}, then shuffles it.
     *
     * @param rng the random source
     * @return the order
     */
    static Order shuffled(java.util.Random rng) {
        return (order, d) -> {
            for (int k = 0; k < d; k++) {
                order[k] = k;
            }
            SplitSupport.shuffle(order, 0, d, rng);
        };
    }

    /**
     * The latest first: {@code d-1, d-2, ..., 0} (a user's interactions are stored oldest first).
     *
     * @return the order
     */
    static Order latestFirst() {
        return (order, d) -> {
            for (int k = 0; k < d; k++) {
                order[k] = d - 1 - k;
            }
        };
    }

    /**
     * Fraction counts: a user with at least {@code minInteractions} interactions gets
     * {@link SplitSupport#roundedCount} of the test fraction in test; validation takes the same
     * rule from what is left, if at least {@code minInteractions} are left and the fraction is above 0.
     *
     * @param testFraction       the test fraction, in (0, 1)
     * @param validationFraction the validation fraction, in [0, 1)
     * @param minInteractions    the fewest interactions a user (or the rest) needs to be split, >= 2
     * @return the counts
     */
    static Counts fractions(double testFraction, double validationFraction, int minInteractions) {
        return new Counts() {
            @Override
            public int test(int d) {
                return d < minInteractions ? 0 : SplitSupport.roundedCount(d, testFraction);
            }

            @Override
            public int validation(int rest) {
                return validationFraction == 0 || rest < minInteractions ? 0
                        : SplitSupport.roundedCount(rest, validationFraction);
            }
        };
    }

    /**
     * The rounding rule of {@link #fractions}, in words, for descriptions.
     *
     * @param testFraction       the test fraction
     * @param validationFraction the validation fraction, 0 for none
     * @param minInteractions    the fewest interactions a user needs to be split
     * @return the rule, in parentheses
     */
    static String roundingRule(double testFraction, double validationFraction, int minInteractions) {
        if (validationFraction == 0) {
            return " (test = round(" + SplitSupport.number(testFraction) + " d) of a user's d interactions, at least 1,"
                    + " leaving at least 1 in train; users with fewer interactions all in train)";
        }
        return " (each part takes round(f n) of the n interactions left, test first with f = "
                + SplitSupport.number(testFraction) + ", then validation with f = " + SplitSupport.number(validationFraction)
                + ", at least 1 and leaving at least 1; users with fewer interactions all in train, and no validation"
                + " when fewer than " + minInteractions + " are left after test)";
    }
}
