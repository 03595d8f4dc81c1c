package org.surrogate.bundles.surveyprotocols;

import java.util.Random;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;

/**
 * A user-level split of the real data for membership inference: the members' data goes into the
 * release, the non-members (real users from the same population, drawn at random) are held out of
 * it and serve as the attack's negatives. All three parts keep the id spaces of the real data; a
 * user's rows are empty in the parts they do not belong to.
 *
 * @param memberTrain    the training part of the members (what the mechanism or generator sees)
 * @param nonMemberTrain the training part of the non-members (held out of every release), or null
 *                       when every user is a member
 * @param memberTest     the test part of the members (accuracy is measured on members only)
 * @param isMember       per dense user id, whether the user is a member
 * @param members        the number of members (users with training interactions)
 * @param nonMembers     the number of non-members
 */
record MembershipSplit(Dataset memberTrain, Dataset nonMemberTrain, Dataset memberTest, boolean[] isMember,
                       int members, int nonMembers) {

    /**
     * Every user a member, no non-members: the protocol without attacks.
     *
     * @param train the real training part
     * @param test  the real test part
     * @return the trivial split
     */
    static MembershipSplit everyone(Dataset train, Dataset test) {
        boolean[] all = new boolean[train.numUsers()];
        java.util.Arrays.fill(all, true);
        return new MembershipSplit(train, null, test, all, activeUsers(train), 0);
    }

    /**
     * Holds out a random share of the users with training interactions as non-members.
     *
     * @param train    the real training part
     * @param test     the real test part, same id spaces
     * @param fraction the share of users held out, in (0, 1); at least one user ends on each side
     * @param rng      the seeded generator (a Fisher-Yates shuffle of the users)
     * @param field    the parameter's name, for messages
     * @return the split
     * @throws IllegalArgumentException if fewer than 2 users have training interactions
     */
    static MembershipSplit holdOut(Dataset train, Dataset test, double fraction, Random rng, String field) {
        int[] users = new int[train.numUsers()];
        int n = 0;
        for (int u = 0; u < train.numUsers(); u++) {
            if (train.degree(u) > 0) {
                users[n++] = u;
            }
        }
        if (n < 2) {
            throw new IllegalArgumentException(field + ": a membership split needs at least 2 users with training "
                    + "interactions, found " + n);
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = users[i];
            users[i] = users[j];
            users[j] = t;
        }
        int held = (int) Math.max(1, Math.min(n - 1, Math.round(fraction * n)));
        boolean[] member = new boolean[train.numUsers()];
        for (int i = held; i < n; i++) {
            member[users[i]] = true;
        }
        boolean[] nonMember = new boolean[train.numUsers()];
        for (int i = 0; i < held; i++) {
            nonMember[users[i]] = true;
        }
        return new MembershipSplit(restrict(train, member, train.name() + " (members)"),
                restrict(train, nonMember, train.name() + " (non-members)"),
                restrict(test, member, test.name() + " (members)"), member, n - held, held);
    }

    /**
     * The rows of the chosen users of a dataset in its id spaces; other rows empty.
     *
     * @param data  the dataset
     * @param keep  per dense user id, whether to keep the row; users beyond its length are dropped
     * @param name  the new dataset's name
     * @return the restricted dataset, with timestamps when {@code data} has them
     */
    static Dataset restrict(Dataset data, boolean[] keep, String name) {
        DatasetBuilder b = Dataset.builderLike(name, data);
        for (int u = 0; u < data.numUsers() && u < keep.length; u++) {
            if (!keep[u]) {
                continue;
            }
            for (int k = data.begin(u); k < data.end(u); k++) {
                if (data.hasTimestamps()) {
                    b.add(u, data.item(k), data.value(k), data.timestamp(k));
                } else {
                    b.add(u, data.item(k), data.value(k));
                }
            }
        }
        return b.build();
    }

    private static int activeUsers(Dataset d) {
        int n = 0;
        for (int u = 0; u < d.numUsers(); u++) {
            n += d.degree(u) > 0 ? 1 : 0;
        }
        return n;
    }
}
