package org.surrogate.bundles.splitters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.split.Split;
import org.surrogate.testkit.RecordingRunContext;

class KFoldSplitterTest {

    private final KFoldSplitter splitter = new KFoldSplitter();

    private List<Split> split(Dataset data, Map<String, ?> params, long seed) {
        return splitter.split(data, SplitFixtures.params(splitter, params), new RecordingRunContext(seed));
    }

    @Test
    void descriptorDeclaresIdKindAndDefaults() {
        assertEquals("k-fold", splitter.descriptor().id());
        assertEquals(PluginKind.SPLITTER, splitter.descriptor().kind());
        assertEquals(Map.of("folds", 5, "minInteractions", 2), KFoldSplitter.DESCRIPTOR.params().defaults().asMap());
    }

    @Test
    void dealsEachUserRoundRobinContinuingFromTheLastUser() {
        Dataset data = Dataset.builder("small", 3, 6)
                .add(0, 0, 1f, 1)
                .add(1, 0, 1f, 1).add(1, 1, 1f, 2)
                .add(2, 0, 1f, 1).add(2, 1, 1f, 2).add(2, 2, 1f, 3).add(2, 3, 1f, 4)
                .build();
        List<Split> folds = split(data, Map.of("folds", 3), 1);
        // User 0 (1 interaction) stays in train; user 1 goes to folds 1, 2; user 2 continues: 3, 1, 2, 3.
        assertEquals(List.of(0, 1, 1), SplitFixtures.degrees(folds.get(0).test()));
        assertEquals(List.of(0, 1, 1), SplitFixtures.degrees(folds.get(1).test()));
        assertEquals(List.of(0, 0, 2), SplitFixtures.degrees(folds.get(2).test()));
        assertEquals(List.of(1, 2, 2), SplitFixtures.degrees(folds.get(2).train()));
        assertEquals("small/fold3/test", folds.get(2).test().name());
        assertEquals("small/fold1/train", folds.get(0).train().name());
    }

    @Test
    void everyInteractionIsInTestExactlyOnce() {
        Dataset data = SplitFixtures.random(70, 2);
        List<Split> folds = split(data, Map.of("folds", 4), 3);
        assertEquals(4, folds.size());
        List<Dataset> tests = new ArrayList<>();
        for (Split fold : folds) {
            SplitFixtures.assertPartition(data, fold.train(), fold.test());
            assertNull(fold.validation());
            assertNull(fold.foldIn());
            tests.add(fold.test());
        }
        // Users with fewer than 2 interactions are in no test part.
        Dataset[] withSingles = tests.toArray(new Dataset[5]);
        withSingles[4] = singles(data);
        SplitFixtures.assertPartition(data, withSingles);
    }

    /** The interactions of users with fewer than 2. */
    private static Dataset singles(Dataset data) {
        Part part = new Part(data, "singles");
        for (int u = 0; u < data.numUsers(); u++) {
            if (data.degree(u) < 2) {
                part.copyUser(u);
            }
        }
        return part.build();
    }

    @Test
    void foldsDifferInSizeByAtMostOnePerUserAndOverall() {
        Dataset data = SplitFixtures.random(70, 2);
        List<Split> folds = split(data, Map.of(), 3);
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (Split fold : folds) {
            min = Math.min(min, fold.test().size());
            max = Math.max(max, fold.test().size());
        }
        assertTrue(max - min <= 1, min + " to " + max);
        for (int u = 0; u < data.numUsers(); u++) {
            int lo = Integer.MAX_VALUE;
            int hi = 0;
            for (Split fold : folds) {
                lo = Math.min(lo, fold.test().degree(u));
                hi = Math.max(hi, fold.test().degree(u));
            }
            assertTrue(data.degree(u) < 2 || hi - lo <= 1, "user " + u + ": " + lo + " to " + hi);
            assertTrue(data.degree(u) >= 2 || hi == 0, "user " + u + " has " + data.degree(u) + " interactions");
        }
    }

    @Test
    void isAFunctionOfTheSeed() {
        Dataset data = SplitFixtures.random(40, 2);
        List<String> first = SplitFixtures.checksums(split(data, Map.of(), 5));
        assertEquals(first, SplitFixtures.checksums(split(data, Map.of(), 5)));
        assertNotEquals(first, SplitFixtures.checksums(split(data, Map.of(), 6)));
    }

    @Test
    void describesEachFold() {
        List<Split> folds = split(SplitFixtures.degrees(), Map.of(), 1);
        assertEquals("fold 2 of 5, per-user random 5-fold cross-validation: each user's interactions shuffled and "
                + "dealt round-robin into 5 folds, this fold test and the others train; users with >= 2 "
                + "interactions (fewer: train in every fold)", folds.get(1).description());
    }

    @Test
    void schemaRejectsFewerThanTwoFolds() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class,
                () -> KFoldSplitter.DESCRIPTOR.params().validate(Map.of("folds", 1), ""));
        assertEquals("folds: expected an integer >= 2, found 1", e.getMessage());
    }
}
