package org.surrogate.framework.experiments;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One axis of an experiment's parameter grid: the values a parameter takes across trials. In a spec
 * an axis is written as a list, a range, or a distribution to sample from:
 *
 * <pre>{@code
 * grid:
 *   slots.recommenders[0].params.factors: [8, 16, 32]
 *   slots.split[0].params.testFraction: {from: 0.1, to: 0.3, step: 0.1}
 *   slots.recommenders[0].params.regularization: {logUniform: [0.001, 10]}
 * }</pre>
 */
@JsonDeserialize(using = GridAxisDeserializer.class)
public sealed interface GridAxis permits GridAxis.Values, GridAxis.Range, GridAxis.Sample {

    /**
     * An explicit list of values.
     *
     * @param values the values, in trial order; at least one
     */
    record Values(List<Object> values) implements GridAxis {

        /**
         * Checks the list is not empty and copies it.
         *
         * @throws IllegalArgumentException if it is empty or holds a null
         */
        public Values {
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException("expected at least one value, found an empty list");
            }
            if (values.stream().anyMatch(java.util.Objects::isNull)) {
                throw new IllegalArgumentException("expected values, found a null in " + values);
            }
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    /**
     * An inclusive arithmetic range. Values are computed as {@code from + k * step} in decimal
     * arithmetic, so that {@code {from: 0.1, to: 0.5, step: 0.1}} gives exactly 0.1, 0.2, 0.3, 0.4
     * and 0.5 rather than accumulating binary rounding errors. When from, to and step are all whole
     * numbers the values are integers.
     *
     * @param from the first value
     * @param to   the last value, included when it lies on the step
     * @param step the positive step
     */
    record Range(BigDecimal from, BigDecimal to, BigDecimal step) implements GridAxis {

        /** The most values a range may have; larger ranges are refused before any is computed. */
        public static final long MAX_VALUES = 1_000_000;

        /**
         * Checks from ≤ to and step &gt; 0.
         *
         * @throws IllegalArgumentException naming the bad bound or step
         */
        public Range {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(step, "step");
            if (step.signum() <= 0) {
                throw new IllegalArgumentException("step: expected a number > 0, found " + step.toPlainString());
            }
            if (from.compareTo(to) > 0) {
                throw new IllegalArgumentException("from: expected a number <= to (" + to.toPlainString()
                        + "), found " + from.toPlainString());
            }
            BigDecimal count = to.subtract(from).divide(step, 0, RoundingMode.FLOOR).add(BigDecimal.ONE);
            if (count.compareTo(BigDecimal.valueOf(MAX_VALUES)) > 0) {
                throw new IllegalArgumentException("step: the range has " + count.toPlainString()
                        + " values, above the limit of " + MAX_VALUES + "; use a larger step");
            }
        }

        /**
         * The number of values.
         *
         * @return the count, at least 1
         */
        public int size() {
            return to.subtract(from).divide(step, 0, RoundingMode.FLOOR).intValueExact() + 1;
        }

        /**
         * Whether from, to and step are all whole numbers, so the values are integers.
         *
         * @return true for an integer range
         */
        public boolean integral() {
            return isWhole(from) && isWhole(to) && isWhole(step);
        }

        /**
         * The values: {@code Integer} (or {@code Long} beyond its range) for an integer range,
         * otherwise {@code Double}.
         *
         * @return the values in increasing order
         */
        public List<Object> values() {
            int n = size();
            boolean ints = integral();
            List<Object> out = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                BigDecimal v = from.add(step.multiply(BigDecimal.valueOf(k)));
                if (ints) {
                    long l = v.longValueExact();
                    out.add(l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) (int) l : (Object) l);
                } else {
                    out.add(v.doubleValue());
                }
            }
            return Collections.unmodifiableList(out);
        }

        private static boolean isWhole(BigDecimal d) {
            return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
        }
    }

    /**
     * A distribution sampled {@code samples} times (a spec-level count), seeded by the spec's
     * {@code samplingSeed}.
     *
     * @param distribution uniform or log-uniform
     * @param low          the lower bound
     * @param high         the upper bound
     */
    record Sample(Distribution distribution, double low, double high) implements GridAxis {

        /**
         * Checks the bounds.
         *
         * @throws IllegalArgumentException if they are not finite, not increasing, or not positive for
         *                                  a log-uniform distribution
         */
        public Sample {
            Objects.requireNonNull(distribution, "distribution");
            String field = distribution.field();
            if (!Double.isFinite(low) || !Double.isFinite(high) || low >= high) {
                throw new IllegalArgumentException(field + ": expected [low, high] with finite low < high, found ["
                        + low + ", " + high + "]");
            }
            if (distribution == Distribution.LOG_UNIFORM && low <= 0) {
                throw new IllegalArgumentException(field + ": expected a low bound > 0, found " + low);
            }
        }

        /**
         * Maps a uniform number in [0, 1) to this distribution.
         *
         * @param u a uniform number in [0, 1)
         * @return the sampled value in [low, high)
         */
        public double sample(double u) {
            if (distribution == Distribution.UNIFORM) {
                return low + u * (high - low);
            }
            double l = Math.log(low);
            return Math.exp(l + u * (Math.log(high) - l));
        }
    }

    /** The distributions a {@link Sample} axis draws from. */
    enum Distribution {
        /** Uniform on [low, high). */
        UNIFORM("uniform"),
        /** Uniform in log space: for scales such as learning rates and regularization. */
        LOG_UNIFORM("logUniform");

        private final String field;

        Distribution(String field) {
            this.field = field;
        }

        /**
         * The field name used in specs.
         *
         * @return "uniform" or "logUniform"
         */
        public String field() {
            return field;
        }
    }
}
