package org.surrogate.api.evaluation;

import java.util.Objects;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.recommender.Model;

/**
 * What an evaluator works on. Model evaluators use {@code train} (items to exclude from rankings),
 * {@code test} (the held-out truth) and {@code model}; dataset evaluators compare {@code test} (the
 * real data) with {@code train} (for example the synthetic data), without a model.
 *
 * @param train the training data (or the first dataset of a comparison)
 * @param test  the held-out data (or the second dataset of a comparison)
 * @param model the fitted model, or {@code null} for dataset evaluators
 */
public record EvaluationInput(Dataset train, Dataset test, Model model) {

    /**
     * Checks the datasets are present and agree in size.
     *
     * @throws IllegalArgumentException if train and test disagree in their numbers of users or items
     */
    public EvaluationInput {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (model != null && (train.numUsers() != test.numUsers() || train.numItems() != test.numItems())) {
            throw new IllegalArgumentException("train (" + train.numUsers() + " users x " + train.numItems()
                    + " items) and test (" + test.numUsers() + " x " + test.numItems()
                    + ") must share their id spaces");
        }
    }

    /**
     * The model, for evaluators that need one.
     *
     * @param evaluator the id of the evaluator asking, for the message
     * @return the model
     * @throws IllegalArgumentException if there is none
     */
    public Model requireModel(String evaluator) {
        if (model == null) {
            throw new IllegalArgumentException("evaluator '" + evaluator + "' needs a fitted model; none was given");
        }
        return model;
    }
}
