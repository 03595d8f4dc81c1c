package org.surrogate.bundles.s2r;

import java.util.Arrays;
import java.util.List;
import org.surrogate.api.simulator.Environment;
import org.surrogate.api.simulator.FeedbackType;
import org.surrogate.api.simulator.Observation;
import org.surrogate.api.simulator.StepResult;

/**
 * An interactive environment replayed from one domain's ratings: a session of {@code horizon}
 * steps, one item recommended per step, feedback "relevant" when the user rated the item above the
 * threshold, reward from the rating as {@link SessionRules} says (0 for unrated and repeated
 * items). The environment serves a subset of the table's users: user {@code i} of the environment
 * is table row {@code users[i]}, and observations carry the table row as user (so one policy can act
 * in the training, validation and test environments of the same table). Observation values are the
 * rewards of the steps.
 */
final class ReplayEnvironment implements Environment {

    private static final List<FeedbackType> FEEDBACK = List.of(new FeedbackType("not-relevant", 0),
            new FeedbackType("relevant", 1));

    private final RatingTable table;
    private final SessionRules rules;
    private final int[] users;

    ReplayEnvironment(RatingTable table, int[] users, SessionRules rules) {
        for (int u : users) {
            if (u < 0 || u >= table.numUsers()) {
                throw new IllegalArgumentException(table.name() + ": user row " + u + " out of range");
            }
        }
        this.table = table;
        this.users = users.clone();
        this.rules = rules;
    }

    /** The table row of environment user i. */
    int row(int user) {
        return users[user];
    }

    RatingTable table() {
        return table;
    }

    SessionRules rules() {
        return rules;
    }

    @Override
    public int numUsers() {
        return users.length;
    }

    @Override
    public int numItems() {
        return table.numItems();
    }

    @Override
    public List<FeedbackType> feedbackTypes() {
        return FEEDBACK;
    }

    @Override
    public int horizon() {
        return rules.horizon();
    }

    @Override
    public Observation reset(int user) {
        if (user < 0 || user >= users.length) {
            throw new IllegalArgumentException(table.name() + ": user " + user + " out of range [0, "
                    + users.length + ")");
        }
        return new Observation(users[user], users[user], 0, new int[0], new int[0], new float[0]);
    }

    @Override
    public StepResult step(Observation state, int[] slate) {
        if (slate.length != 1) {
            throw new IllegalArgumentException(table.name() + ": slates hold exactly one item, found " + slate.length);
        }
        if (state.step() >= rules.horizon()) {
            throw new IllegalStateException(table.name() + ": session of user " + state.user() + " is over after "
                    + rules.horizon() + " steps");
        }
        int item = slate[0];
        if (item < 0 || item >= table.numItems()) {
            throw new IllegalArgumentException(table.name() + ": item " + item + " out of range [0, "
                    + table.numItems() + ")");
        }
        boolean repeated = false;
        for (int seen : state.items()) {
            if (seen == item) {
                repeated = true;
                break;
            }
        }
        float rating = repeated ? Float.NaN : table.rating(state.user(), item);
        boolean relevant = rules.relevant(rating);
        double reward = rules.reward(rating);
        int n = state.items().length;
        int[] items = Arrays.copyOf(state.items(), n + 1);
        int[] feedback = Arrays.copyOf(state.feedback(), n + 1);
        float[] values = Arrays.copyOf(state.values(), n + 1);
        items[n] = item;
        feedback[n] = relevant ? 1 : 0;
        values[n] = (float) reward;
        Observation next = new Observation(state.session(), state.user(), state.step() + 1, items, feedback, values);
        return new StepResult(next, new int[] {feedback[n]}, new float[] {(float) reward}, reward,
                next.step() >= rules.horizon());
    }
}
