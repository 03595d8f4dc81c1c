package org.surrogate.bundles.commons.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;

class DatasetFiltersTest {

    /**
     * u1: i1 i2; u2: i1 i2; u3: i2 i3; u4: i3; u5: i4. For k = 2 one pass drops u4, u5 and i4 only; then
     * i3 falls to 1 (drop), then u3 falls to 1 (drop): three rounds to the fixed point u1, u2 x i1, i2.
     */
    private static Dataset chain() {
        return Dataset.builder("chain")
                .add("u1", "i1", 5f, 1).add("u1", "i2", 4f, 2)
                .add("u2", "i1", 3f, 3).add("u2", "i2", 2f, 4)
                .add("u3", "i2", 1f, 5).add("u3", "i3", 5f, 6)
                .add("u4", "i3", 4f, 7)
                .add("u5", "i4", 4f, 8)
                .build();
    }

    /** The interactions as "user item value time" strings, by original ids. */
    private static List<String> rows(Dataset d) {
        List<String> out = new ArrayList<>();
        for (int u = 0; u < d.numUsers(); u++) {
            for (int i = d.begin(u); i < d.end(u); i++) {
                out.add(d.userId(u) + " " + d.itemId(d.item(i)) + " " + d.value(i)
                        + (d.hasTimestamps() ? " " + d.timestamp(i) : ""));
            }
        }
        return out;
    }

    @Test
    void kCoreIteratesToTheFixedPointWhereOnePassDoesNot() {
        Dataset core = DatasetFilters.kCore(chain(), 2);
        assertEquals(List.of("u1 i1 5.0 1", "u1 i2 4.0 2", "u2 i1 3.0 3", "u2 i2 2.0 4"), rows(core));
        assertEquals(2, core.numUsers());
        assertEquals(2, core.numItems());
        assertEquals("chain", core.name());

        Dataset onePass = DatasetFilters.minInteractions(chain(), 2, 2);
        assertEquals(List.of("u1 i1 5.0 1", "u1 i2 4.0 2", "u2 i1 3.0 3", "u2 i2 2.0 4", "u3 i2 1.0 5",
                "u3 i3 5.0 6"), rows(onePass));
        assertEquals(3, onePass.numUsers());
        assertEquals(3, onePass.numItems());
    }

    @Test
    void kCoreCanBeEmpty() {
        Dataset core = DatasetFilters.kCore(chain(), 3);
        assertEquals(0, core.size());
        assertEquals(0, core.numUsers());
        assertEquals(0, core.numItems());
    }

    @Test
    void kCoreOfOneDropsOnlyUsersAndItemsWithoutInteractions() {
        Dataset sparse = Dataset.builder("dense", 3, 3).add(0, 2, 1f).add(2, 2, 1f).build();
        Dataset core = DatasetFilters.kCore(sparse, 1);
        assertEquals(2, core.numUsers());
        assertEquals(1, core.numItems());
        assertEquals(List.of("0 2 1.0", "2 2 1.0"), rows(core));
    }

    @Test
    void implicitThresholdKeepsValuesAtOrAboveItAsOne() {
        Dataset d = DatasetFilters.implicit(chain(), 4.0);
        assertEquals(List.of("u1 i1 1.0 1", "u1 i2 1.0 2", "u3 i3 1.0 6", "u4 i3 1.0 7", "u5 i4 1.0 8"),
                rows(d));
        assertArrayEquals(new String[] {"u1", "u3", "u4", "u5"},
                new String[] {d.userId(0), d.userId(1), d.userId(2), d.userId(3)});
        assertEquals("implicit threshold must be a number, found NaN",
                assertThrows(IllegalArgumentException.class, () -> DatasetFilters.implicit(chain(), Double.NaN))
                        .getMessage());
    }

    @Test
    void stepsRunInOrderThresholdThenCountsThenCore() {
        // Threshold 3 keeps u1 i1, u1 i2, u2 i1, u3 i3, u4 i3, u5 i4; min user count 1 keeps all of them;
        // min item count 2 drops i2 (u1 only) and i4: left u1 i1, u2 i1, u3 i3, u4 i3 (each user 1).
        Dataset d = DatasetFilters.apply(chain(), new FilterOptions(3.0, 1, 2, 0));
        assertEquals(List.of("u1 i1 1.0 1", "u2 i1 1.0 3", "u3 i3 1.0 6", "u4 i3 1.0 7"), rows(d));
        // A 2-core on top removes everything: every user has one interaction.
        assertEquals(0, DatasetFilters.apply(chain(), new FilterOptions(3.0, 1, 2, 2)).size());
    }

    @Test
    void returnsTheInputWhenNothingChanges() {
        Dataset d = chain();
        assertSame(d, DatasetFilters.apply(d, FilterOptions.NONE));
        assertSame(d, DatasetFilters.minInteractions(d, 1, 1));
        assertSame(d, DatasetFilters.kCore(d, 0));
        Dataset ones = Dataset.builder("ones").add("a", "x", 1f).add("b", "x", 1f).build();
        assertSame(ones, DatasetFilters.implicit(ones, 1.0));
    }

    @Test
    void keepsOrderAndTimestampsOfEachUser() {
        Dataset d = Dataset.builder("seq")
                .add("s1", "c", 1f, 0).add("s1", "a", 1f, 1).add("s1", "c", 1f, 2).add("s1", "b", 1f, 3)
                .add("s2", "a", 1f, 0).add("s2", "c", 1f, 1)
                .add("s3", "b", 1f, 0)
                .build();
        Dataset f = DatasetFilters.minInteractions(d, 2, 0);
        assertEquals(List.of("s1 c 1.0 0", "s1 a 1.0 1", "s1 c 1.0 2", "s1 b 1.0 3", "s2 a 1.0 0", "s2 c 1.0 1"),
                rows(f));
        assertEquals(3, f.numItems());
        assertTrue(f.hasTimestamps());
    }

    @Test
    void keepsTheRelativeOrderOfIdsAndOfEachUsersInteractions() {
        // No timestamps: each user's interactions are in the order added; items numbered c, a, b, d.
        Dataset d = Dataset.builder("untimed")
                .add("s1", "c", 1f).add("s1", "a", 2f).add("s1", "b", 3f)
                .add("s2", "d", 4f)
                .add("s3", "b", 5f).add("s3", "c", 6f).add("s3", "a", 7f)
                .build();
        Dataset f = DatasetFilters.minInteractions(d, 2, 0);
        assertEquals(List.of("s1 c 1.0", "s1 a 2.0", "s1 b 3.0", "s3 b 5.0", "s3 c 6.0", "s3 a 7.0"), rows(f));
        assertEquals(List.of("c", "a", "b"), List.of(f.itemId(0), f.itemId(1), f.itemId(2)));
        assertEquals(List.of("s1", "s3"), List.of(f.userId(0), f.userId(1)));
        Dataset g = DatasetFilters.minInteractions(d, 0, 2);
        assertEquals(List.of("c", "a", "b"), List.of(g.itemId(0), g.itemId(1), g.itemId(2)));
        assertEquals(List.of("s1", "s3"), List.of(g.userId(0), g.userId(1)));
    }

    @Test
    void kCoreMatchesRepeatedPassesOnRandomData() {
        Random rng = new Random(42);
        for (int trial = 0; trial < 20; trial++) {
            int users = 30 + rng.nextInt(50);
            int items = 20 + rng.nextInt(40);
            DatasetBuilder b = Dataset.builder("random", users, items);
            int n = rng.nextInt(users * 4);
            for (int k = 0; k < n; k++) {
                b.add(rng.nextInt(users), (int) (items * Math.pow(rng.nextDouble(), 2)), 1f, k);
            }
            Dataset d = b.build();
            for (int k = 1; k <= 5; k++) {
                assertEquals(naiveCore(d, k), new TreeSet<>(rows(DatasetFilters.kCore(d, k))),
                        "trial " + trial + ", k " + k);
            }
        }
    }

    /** Repeats the one-pass minimum counts until nothing changes. */
    private static Set<String> naiveCore(Dataset d, int k) {
        Dataset cur = d;
        while (true) {
            Dataset next = DatasetFilters.minInteractions(cur, k, k);
            if (next.size() == cur.size()) {
                return new TreeSet<>(rows(cur));
            }
            cur = next;
        }
    }
}
