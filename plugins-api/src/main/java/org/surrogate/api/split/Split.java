package org.surrogate.api.split;

import java.util.Objects;
import org.surrogate.api.data.Dataset;

/**
 * One division of a dataset. All parts share the id spaces of the dataset they come from (the same
 * numbers of users and items), so a user or item id means the same in each.
 *
 * <p>Two protocols fit this record. <b>Weak generalization</b> (random holdout, temporal,
 * leave-one-out, k-fold): models train on {@code train}, and are evaluated on {@code test} for the
 * same users; {@code foldIn} is null. <b>Strong generalization</b> (Liang et al. 2018): the test users
 * are absent from {@code train}; {@code foldIn} holds the part of their interactions a model may see
 * when it scores them (through {@code Model.scoreHistories}), and {@code test} the rest.
 *
 * @param description what this split is, for results: "per-user random holdout 20%", "fold 2 of 5"
 * @param train       what models are fitted on
 * @param validation  held-out data for tuning, or null
 * @param test        the held-out truth
 * @param foldIn      the visible interactions of the test users in strong generalization, or null
 */
public record Split(String description, Dataset train, Dataset validation, Dataset test, Dataset foldIn) {

    /**
     * Checks the parts are present where required and share their id spaces.
     *
     * @throws IllegalArgumentException if two parts disagree in their numbers of users or items
     */
    public Split {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        check(train, test, "test");
        if (validation != null) {
            check(train, validation, "validation");
        }
        if (foldIn != null) {
            check(train, foldIn, "foldIn");
        }
    }

    private static void check(Dataset train, Dataset other, String part) {
        if (train.numUsers() != other.numUsers() || train.numItems() != other.numItems()) {
            throw new IllegalArgumentException("split part '" + part + "' has " + other.numUsers() + " users x "
                    + other.numItems() + " items, train has " + train.numUsers() + " x " + train.numItems()
                    + "; all parts must share their id spaces");
        }
    }
}
