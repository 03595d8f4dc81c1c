package org.surrogate.api.simulator;

import java.util.Objects;

/**
 * One kind of feedback a simulated user gives to a shown item, such as skip, click or purchase.
 *
 * @param name   the name, such as "click"
 * @param reward the reward it is worth to the recommender
 */
public record FeedbackType(String name, double reward) {

    /**
     * Checks the name.
     *
     * @throws IllegalArgumentException if blank
     */
    public FeedbackType {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("feedback type name must not be blank");
        }
    }
}
