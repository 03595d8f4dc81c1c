package org.surrogate.api.privacy;

import java.util.Objects;

/**
 * A privacy guarantee, such as (epsilon, delta)-differential privacy at the rating level.
 *
 * @param epsilon     the privacy budget; {@code Double.POSITIVE_INFINITY} for no protection
 * @param delta       the failure probability, 0 for pure differential privacy
 * @param description what is protected and how, such as "rating-level LDP, Laplace noise"
 */
public record PrivacyGuarantee(double epsilon, double delta, String description) {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if epsilon is not positive or delta outside [0, 1)
     */
    public PrivacyGuarantee {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be > 0, found " + epsilon);
        }
        if (!(delta >= 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in [0, 1), found " + delta);
        }
        Objects.requireNonNull(description, "description");
    }
}
