package org.surrogate.bundles.splitters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.split.Split;
import org.surrogate.testkit.RecordingRunContext;

class StrongGeneralizationSplitterTest {

    private final StrongGeneralizationSplitter splitter = new StrongGeneralizationSplitter();

    private Split split(Dataset data, Map<String, ?> params, long seed) {
        List<Split> splits = splitter.split(data, SplitFixtures.params(splitter, params), new RecordingRunContext(seed));
        assertEquals(1, splits.size());
        return splits.get(0);
    }

    /** Users with at least one interaction in a part. */
    private static List<Integer> users(Dataset part) {
        List<Integer> out = new ArrayList<>();
        for (int u = 0; u < part.numUsers(); u++) {
            if (part.degree(u) > 0) {
                out.add(u);
            }
        }
        return out;
    }

    @Test
    void descriptorDeclaresIdKindPaperAndDefaults() {
        assertEquals("strong-generalization", splitter.descriptor().id());
        assertEquals(PluginKind.SPLITTER, splitter.descriptor().kind());
        assertTrue(splitter.descriptor().paper().citation().startsWith("Liang"));
        assertEquals(Map.of("heldOutUsers", 0, "heldOutFraction", 0.2, "validation", false, "testProportion", 0.2,
                        "minInteractions", 1, "trainItemsOnly", true),
                StrongGeneralizationSplitter.DESCRIPTOR.params().defaults().asMap());
    }

    @Test
    void holdsOutWholeUsersAndSplitsThemIntoFoldInAndTest() {
        Dataset data = SplitFixtures.random(100, 4);
        Split s = split(data, Map.of("trainItemsOnly", false), 1);
        int eligible = users(data).size();
        List<Integer> heldOut = users(s.foldIn());
        assertEquals(Math.round(0.2 * eligible), heldOut.size());
        for (int u : users(s.test())) {
            assertTrue(heldOut.contains(u), "test user " + u + " has no fold-in");
        }
        for (int u : heldOut) {
            assertEquals(0, s.train().degree(u), "held-out user " + u + " is in train");
            int d = data.degree(u);
            // floor(0.2 d), at least 1 when d >= 2.
            assertEquals(d < 2 ? 0 : Math.max(1, d / 5), s.test().degree(u), "user " + u + " with " + d);
        }
        for (int u : users(s.train())) {
            assertEquals(data.degree(u), s.train().degree(u));
        }
        SplitFixtures.assertPartition(data, s.train(), s.foldIn(), s.test());
        assertNull(s.validation());
        assertEquals("rand/fold-in", s.foldIn().name());
    }

    @Test
    void dropsHeldOutInteractionsWithItemsUnseenInTrain() {
        Dataset data = SplitFixtures.random(100, 4);
        Split s = split(data, Map.of(), 1);
        int[] trainCounts = s.train().itemCounts();
        List<String> dropped = new ArrayList<>(SplitFixtures.interactions(data));
        for (Dataset part : List.of(s.foldIn(), s.test())) {
            for (int i = 0; i < part.size(); i++) {
                assertTrue(trainCounts[part.item(i)] > 0, "item " + part.item(i) + " has no training interaction");
            }
        }
        dropped.removeAll(SplitFixtures.interactions(s.train(), s.foldIn(), s.test()));
        for (String line : dropped) {
            assertEquals(0, trainCounts[Integer.parseInt(line.split(" ")[1])], line);
        }
    }

    @Test
    void validationUsersAreAsManyAndDisjointFromTestUsers() {
        Dataset data = SplitFixtures.random(100, 4);
        Split s = split(data, Map.of("validation", true, "heldOutUsers", 10, "minInteractions", 5), 2);
        List<Integer> test = users(s.test());
        List<Integer> validation = users(s.validation());
        assertEquals(10, test.size());
        assertEquals(10, validation.size());
        for (int u : validation) {
            assertTrue(!test.contains(u) && s.train().degree(u) == 0 && s.foldIn().degree(u) > 0, "user " + u);
            assertTrue(data.degree(u) >= 5);
        }
        assertEquals(20, users(s.foldIn()).size());
    }

    @Test
    void describesTheProtocolExactly() {
        Dataset data = SplitFixtures.degrees();
        Split s = split(data, Map.of(), 1);
        assertEquals("strong generalization (Liang et al. 2018): 1 test users (20% of the 5 users with >= 1 "
                + "interactions), drawn at random and absent from train; each held-out user's interactions on items "
                + "seen in train split at random into 80% fold-in and 20% held out (floor(0.2 d) of d, at least 1 "
                + "when d >= 2; d = 1: fold-in only); train = all interactions of the other 4 users", s.description());
        Map<String, Object> p = new HashMap<>(Map.of("heldOutUsers", 2, "validation", true, "testProportion", 0.25,
                "trainItemsOnly", false));
        assertEquals("strong generalization (Liang et al. 2018): 2 test users and 2 validation users (of the 5 users "
                + "with >= 1 interactions), drawn at random and absent from train; each held-out user's interactions "
                + "split at random into 75% fold-in and 25% held out (floor(0.25 d) of d, at least 1 when d >= 2; "
                + "d = 1: fold-in only), validation users' fold-in also in foldIn; train = all interactions of the "
                + "other 1 users", split(data, p, 1).description());
    }

    @Test
    void isAFunctionOfTheSeed() {
        Dataset data = SplitFixtures.random(60, 4);
        Map<String, Boolean> p = Map.of("validation", true);
        List<String> first = SplitFixtures.checksums(List.of(split(data, p, 3)));
        assertEquals(first, SplitFixtures.checksums(List.of(split(data, p, 3))));
        assertNotEquals(first, SplitFixtures.checksums(List.of(split(data, p, 4))));
    }

    @Test
    void rejectsMoreHeldOutUsersThanLeaveATrainingUser() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> split(SplitFixtures.degrees(), Map.of("heldOutUsers", 2, "validation", true, "minInteractions", 2),
                        1));
        assertEquals("splitter 'strong-generalization': dataset 'deg' has 4 users with >= 2 interactions, too few for "
                + "2 test users and 2 validation users and at least one training user; lower heldOutUsers or "
                + "heldOutFraction", e.getMessage());
    }

    @Test
    void schemaRejectsProportionsOutsideTheOpenUnitInterval() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class,
                () -> StrongGeneralizationSplitter.DESCRIPTOR.params().validate(
                        new java.util.TreeMap<>(Map.of("heldOutFraction", 0, "testProportion", 1.5, "heldOutUsers", -1)),
                        ""));
        assertEquals(List.of("heldOutUsers: expected an integer >= 0, found -1",
                "heldOutFraction: expected a number in (0, 1), found 0",
                "testProportion: expected a number in (0, 1), found 1.5"), e.problems());
    }
}
