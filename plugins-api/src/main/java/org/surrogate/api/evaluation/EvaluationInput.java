package org.surrogate.api.evaluation;

import java.util.Objects;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.recommender.Model;

/**
 * What an evaluator works on.
 *
 * <p>Model evaluators rank items for the users of {@code test}. Without {@code foldIn} (weak
 * generalization) they score users with {@code Model.score} and exclude each user's {@code train}
 * items from the ranking; with {@code foldIn} (strong generalization: the test users were not in
 * training) they score each user's fold-in history with {@code Model.scoreHistories} and exclude the
 * fold-in items. Dataset evaluators (fidelity, privacy attacks) compare {@code test} (the reference,
 * say the real data) with {@code train} (say the synthetic data), without a model.
 *
 * @param train  the training data (or the dataset compared with the reference)
 * @param test   the held-out truth (or the reference dataset)
 * @param model  the fitted model, or {@code null} for dataset evaluators
 * @param foldIn the visible interactions of held-out test users (strong generalization), or null
 */
public record EvaluationInput(Dataset train, Dataset test, Model model, Dataset foldIn) {

    /**
     * Checks the datasets are present and agree in size where a model is evaluated.
     *
     * @throws IllegalArgumentException if train, test and fold-in disagree in their numbers of users
     *                                  or items
     */
    public EvaluationInput {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (model != null) {
            check(train, test, "test");
            if (foldIn != null) {
                check(train, foldIn, "foldIn");
            }
        }
    }

    /**
     * A weak-generalization input: train, test and model.
     *
     * @param train the training data
     * @param test  the held-out data
     * @param model the fitted model
     */
    public EvaluationInput(Dataset train, Dataset test, Model model) {
        this(train, test, model, null);
    }

    private static void check(Dataset train, Dataset other, String part) {
        if (train.numUsers() != other.numUsers() || train.numItems() != other.numItems()) {
            throw new IllegalArgumentException("train (" + train.numUsers() + " users x " + train.numItems()
                    + " items) and " + part + " (" + other.numUsers() + " x " + other.numItems()
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
