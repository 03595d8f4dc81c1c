package org.surrogate.api.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * An interactive simulated environment of users. A session starts with {@link #reset(int)} and goes
 * on with {@link #step(Observation, int[])} until a result says it is done. Sessions are independent
 * values, so a policy can run many at once and step them in one batch with
 * {@link #step(List, List)}, which implementations override when they can batch the work (one
 * network forward pass for all sessions, say).
 * <pre>{@code
 * Observation obs = env.reset(user);
 * StepResult r;
 * do {
 *     r = env.step(obs, policy.act(obs, 10));
 *     obs = r.next();
 * } while (!r.done());
 * }</pre>
 * An environment draws its randomness from the context it was created with; the same sequence of
 * calls gives the same answers.
 */
public interface Environment extends AutoCloseable {

    /**
     * The number of users sessions can be started for.
     *
     * @return the count
     */
    int numUsers();

    /**
     * The number of items that can be recommended.
     *
     * @return the count
     */
    int numItems();

    /**
     * The feedback types this environment answers with; feedback indices refer to this list.
     *
     * @return the types, such as skip, click, purchase
     */
    List<FeedbackType> feedbackTypes();

    /**
     * The maximal number of steps of a session, or 0 when only the environment decides.
     *
     * @return the horizon
     */
    int horizon();

    /**
     * Starts a session for a user.
     *
     * @param user the dense user id
     * @return the first observation (it may hold the user's known history)
     */
    Observation reset(int user);

    /**
     * Shows a slate in a session.
     *
     * @param state the current observation of the session
     * @param slate the items shown, best first
     * @return the feedback, reward and next observation
     * @throws IllegalArgumentException if an item is out of range or the session is done
     */
    StepResult step(Observation state, int[] slate);

    /**
     * Shows one slate in each of several sessions. The default steps them one by one.
     *
     * @param states the current observations
     * @param slates one slate per observation
     * @return one result per observation, in order
     */
    default List<StepResult> step(List<Observation> states, List<int[]> slates) {
        if (states.size() != slates.size()) {
            throw new IllegalArgumentException(states.size() + " observations but " + slates.size() + " slates");
        }
        List<StepResult> out = new ArrayList<>(states.size());
        for (int k = 0; k < states.size(); k++) {
            out.add(step(states.get(k), slates.get(k)));
        }
        return out;
    }

    /** Releases what the environment holds (native memory, say). The default does nothing. */
    @Override
    default void close() {
    }
}
