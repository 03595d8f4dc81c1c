package org.surrogate.bundles.s2r;

import org.surrogate.api.recommender.Policy;
import org.surrogate.api.simulator.Observation;
import org.surrogate.api.simulator.StepResult;

/**
 * Per-user results of running a policy for one session of T steps with every user of an
 * environment: reward per step (the cumulative reward of the session divided by T), Precision@T
 * (relevant items shown / T), Recall@T (relevant items shown / relevant items the user rated in the
 * domain) and F1@T. Recall and F1 are over the users with at least one relevant rating (the others
 * have no defined recall); reward and precision over all users.
 *
 * @param reward    per user
 * @param precision per user
 * @param recall    per user with a relevant rating
 * @param f1        per user with a relevant rating
 * @param seconds   wall time of the sessions (policy and environment)
 */
record SessionEvaluation(double[] reward, double[] precision, double[] recall, double[] f1, double seconds) {

    static SessionEvaluation run(Policy policy, ReplayEnvironment env) {
        int n = env.numUsers();
        int horizon = env.horizon();
        SessionRules rules = env.rules();
        double[] reward = new double[n];
        double[] precision = new double[n];
        double[] recall = new double[n];
        double[] f1 = new double[n];
        int withRelevant = 0;
        long start = System.nanoTime();
        for (int u = 0; u < n; u++) {
            Observation obs = env.reset(u);
            double sum = 0;
            int hits = 0;
            for (int t = 0; t < horizon; t++) {
                int[] slate = policy.act(obs, 1);
                StepResult res = env.step(obs, slate);
                policy.observe(obs, slate, res);
                sum += res.reward();
                hits += res.feedback()[0];
                obs = res.next();
            }
            reward[u] = sum / horizon;
            precision[u] = (double) hits / horizon;
            int relevant = env.table().relevantCount(env.row(u), rules);
            if (relevant > 0) {
                double r = (double) hits / relevant;
                recall[withRelevant] = r;
                f1[withRelevant] = precision[u] + r > 0 ? 2 * precision[u] * r / (precision[u] + r) : 0;
                withRelevant++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new SessionEvaluation(reward, precision, java.util.Arrays.copyOf(recall, withRelevant),
                java.util.Arrays.copyOf(f1, withRelevant), seconds);
    }
}
