package org.surrogate.bundles.privacyattacks;

import java.util.Map;
import java.util.Random;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.Plugin;
import org.surrogate.testkit.LatentData;

/**
 * A population of 1,200 users with latent preferences over 300 items (20 items each): users 0..599 are the
 * members, 600..1199 the non-members, in one id space; and synthetic datasets built from them.
 */
final class AttackFixtures {

    static final int USERS = 1_200;
    static final int ITEMS = 300;
    static final Dataset POPULATION = new LatentData(USERS, ITEMS, 20, 0, 0.8, 2.0, 1).train;
    static final Dataset MEMBERS = part(POPULATION, 0, USERS / 2, "members");
    static final Dataset NON_MEMBERS = part(POPULATION, USERS / 2, USERS, "non-members");

    private AttackFixtures() {
    }

    static Params params(Plugin plugin, Map<String, ?> values) {
        return plugin.descriptor().params().validate(values, "");
    }

    /** The users in [from, to) of a dataset, in its id space. */
    static Dataset part(Dataset data, int from, int to, String name) {
        DatasetBuilder b = Dataset.builderLike(name, data);
        for (int u = from; u < to; u++) {
            for (int k = data.begin(u); k < data.end(u); k++) {
                b.add(u, data.item(k), data.value(k), data.timestamp(k));
            }
        }
        return b.build();
    }

    /** The members with a share of each one's items replaced by random items (a leaky generator). */
    static Dataset perturbedMembers(double share, long seed) {
        Random rng = new Random(seed);
        DatasetBuilder b = Dataset.builder("perturbed", USERS / 2, ITEMS);
        for (int u = 0; u < USERS / 2; u++) {
            for (int k = MEMBERS.begin(u); k < MEMBERS.end(u); k++) {
                b.add(u, rng.nextDouble() < share ? rng.nextInt(ITEMS) : MEMBERS.item(k), 1f);
            }
        }
        return b.build();
    }

    /** 600 users with 20 uniformly random items each: pure noise. */
    static Dataset noise(long seed) {
        Random rng = new Random(seed);
        DatasetBuilder b = Dataset.builder("noise", USERS / 2, ITEMS);
        for (int u = 0; u < USERS / 2; u++) {
            rng.ints(0, ITEMS).distinct().limit(20).forEach(i -> b.add(b.size() / 20, i, 1f));
        }
        return b.build();
    }

    /** Synthetic data from the same kind of population but independent of the members (another world). */
    static Dataset independent(long seed) {
        return new LatentData(USERS / 2, ITEMS, 20, 0, 0.8, 2.0, seed).train;
    }

    /** The convention: train = synthetic, test = members, foldIn = non-members. */
    static EvaluationInput input(Dataset synthetic) {
        return new EvaluationInput(synthetic, MEMBERS, null, NON_MEMBERS);
    }
}
