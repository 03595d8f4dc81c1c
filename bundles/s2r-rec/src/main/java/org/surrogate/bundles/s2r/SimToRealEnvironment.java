package org.surrogate.bundles.s2r;

import java.util.List;
import org.surrogate.api.simulator.Environment;
import org.surrogate.api.simulator.FeedbackType;
import org.surrogate.api.simulator.Observation;
import org.surrogate.api.simulator.StepResult;

/**
 * The environment the S2R-Rec simulators create: as an {@link Environment} it is the
 * <em>simulation</em> environment (every simulation user, replayed from the simulation genre's
 * ratings), so any policy learner can train in it; the agents and the {@code sim-to-real} protocol
 * of this bundle also reach the whole task through {@link #task()}: the real environment's small
 * training budget, its validation and test users, and the item features of both domains.
 */
public final class SimToRealEnvironment implements Environment {

    private final SimToRealTask task;
    private final ReplayEnvironment sim;

    SimToRealEnvironment(SimToRealTask task) {
        this.task = task;
        this.sim = task.simEnvironment();
    }

    SimToRealTask task() {
        return task;
    }

    /**
     * A one-line description of the task (genres, users, items, ratings).
     *
     * @return the description
     */
    public String describe() {
        return task.name();
    }

    @Override
    public int numUsers() {
        return sim.numUsers();
    }

    @Override
    public int numItems() {
        return sim.numItems();
    }

    @Override
    public List<FeedbackType> feedbackTypes() {
        return sim.feedbackTypes();
    }

    @Override
    public int horizon() {
        return sim.horizon();
    }

    @Override
    public Observation reset(int user) {
        return sim.reset(user);
    }

    @Override
    public StepResult step(Observation state, int[] slate) {
        return sim.step(state, slate);
    }

    /**
     * The task behind an environment, or a clear error when it is not one of this bundle's.
     *
     * @param env    the environment handed to a learner
     * @param plugin the plugin asking, for the message
     * @return the task
     * @throws IllegalArgumentException if env was not created by an S2R-Rec simulator
     */
    static SimToRealTask taskOf(Environment env, String plugin) {
        if (env instanceof SimToRealEnvironment s) {
            return s.task;
        }
        throw new IllegalArgumentException("recommender '" + plugin + "' needs a sim-to-real environment (simulator '"
                + GenreSplitSimulator.ID + "' or '" + GapWorldSimulator.ID + "'), got " + env.getClass().getSimpleName());
    }
}
