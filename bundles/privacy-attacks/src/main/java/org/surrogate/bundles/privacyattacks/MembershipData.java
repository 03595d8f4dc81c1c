package org.surrogate.bundles.privacyattacks;

import java.util.Arrays;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.evaluation.EvaluationInput;

/**
 * The three datasets of a membership inference evaluation, read from an {@link EvaluationInput} by this
 * convention:
 * <ul>
 * <li>{@code train}: the <em>synthetic</em> dataset under attack (as for the fidelity evaluators, where
 *     {@code train} is the compared, synthetic data);</li>
 * <li>{@code test}: the <em>members</em>, the real users whose data the generator or mechanism was fitted on
 *     (the reference of the fidelity evaluators);</li>
 * <li>{@code foldIn}: the <em>non-members</em>, real users from the same population who were held out of the
 *     fit.</li>
 * </ul>
 * The model is ignored. A record is a user with at least one interaction in its dataset, seen as the set of
 * its distinct items (values, order and time ignored); users without interactions are not records, so members
 * and non-members may share one id space (the non-members' rows empty in {@code test} and the members' rows
 * empty in {@code foldIn}). The three datasets must share the item id space (same number of items, item i
 * the same item in each). The protocol must keep members and non-members disjoint; this is not checked.
 *
 * @param synthetic  the synthetic records
 * @param members    the member records
 * @param nonMembers the non-member records
 * @param memberIds  the dense ids of the members in {@code test}
 * @param nonMemberIds the dense ids of the non-members in {@code foldIn}
 * @param numItems   the number of items
 */
record MembershipData(int[][] synthetic, int[][] members, int[][] nonMembers, int[] memberIds, int[] nonMemberIds,
                      int numItems) {

    /**
     * Reads the input.
     *
     * @param evaluator the evaluator, for messages
     * @param input     the input
     * @return the records
     * @throws IllegalArgumentException if foldIn is missing, the item spaces differ, or a dataset has no records
     */
    static MembershipData from(String evaluator, EvaluationInput input) {
        String owner = "evaluator '" + evaluator + "'";
        Dataset synthetic = input.train();
        Dataset members = input.test();
        Dataset nonMembers = input.foldIn();
        if (nonMembers == null) {
            throw new IllegalArgumentException(owner + " needs the non-members as input foldIn (real users held out of "
                    + "the fit, from the same population as the members in input test); none was given");
        }
        int items = members.numItems();
        if (synthetic.numItems() != items || nonMembers.numItems() != items) {
            throw new IllegalArgumentException(owner + ": the synthetic (train, " + synthetic.numItems()
                    + " items), member (test, " + items + ") and non-member (foldIn, " + nonMembers.numItems()
                    + ") datasets must share one item id space");
        }
        int[] memberIds = nonEmpty(members);
        int[] nonMemberIds = nonEmpty(nonMembers);
        int[] syntheticIds = nonEmpty(synthetic);
        check(owner, memberIds, members, "member (test)");
        check(owner, nonMemberIds, nonMembers, "non-member (foldIn)");
        check(owner, syntheticIds, synthetic, "synthetic (train)");
        return new MembershipData(rows(synthetic, syntheticIds), rows(members, memberIds),
                rows(nonMembers, nonMemberIds), memberIds, nonMemberIds, items);
    }

    private static void check(String owner, int[] ids, Dataset data, String role) {
        if (ids.length == 0) {
            throw new IllegalArgumentException(owner + ": the " + role + " dataset '" + data.name()
                    + "' has no user with interactions");
        }
    }

    private static int[] nonEmpty(Dataset data) {
        int n = 0;
        int[] ids = new int[data.numUsers()];
        for (int u = 0; u < data.numUsers(); u++) {
            if (data.degree(u) > 0) {
                ids[n++] = u;
            }
        }
        return Arrays.copyOf(ids, n);
    }

    /** The distinct items of each listed user, sorted. */
    private static int[][] rows(Dataset data, int[] ids) {
        int[][] rows = new int[ids.length][];
        for (int r = 0; r < ids.length; r++) {
            int[] items = data.itemsOf(ids[r]);
            Arrays.sort(items);
            int n = 0;
            for (int k = 0; k < items.length; k++) {
                if (k == 0 || items[k] != items[k - 1]) {
                    items[n++] = items[k];
                }
            }
            rows[r] = Arrays.copyOf(items, n);
        }
        return rows;
    }
}
