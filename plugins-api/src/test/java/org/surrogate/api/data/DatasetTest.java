package org.surrogate.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DatasetTest {

    @Test
    void assignsDenseIdsInOrderOfAppearanceAndSortsEachUserByTime() {
        Dataset d = Dataset.builder("t")
                .add("alice", "x", 5f, 30)
                .add("bob", "y", 3f, 10)
                .add("alice", "y", 4f, 10)
                .add("alice", "z", 1f, 20)
                .build();
        assertEquals(2, d.numUsers());
        assertEquals(3, d.numItems());
        assertEquals("alice", d.userId(0));
        assertEquals("z", d.itemId(2));
        assertArrayEquals(new int[] {1, 2, 0}, d.itemsOf(0)); // y@10, z@20, x@30
        assertEquals(4f, d.value(d.begin(0)));
        assertEquals(30, d.timestamp(d.end(0) - 1));
        assertArrayEquals(new int[] {1}, d.itemsOf(1));
        assertArrayEquals(new int[] {1, 2, 1}, d.itemCounts());
    }

    @Test
    void keepsEmptyUsersOfADenseDataset() {
        Dataset d = Dataset.builder("g", 3, 2).add(2, 1, 1f).add(0, 0, 1f).build();
        assertEquals(0, d.degree(1));
        assertEquals(1, d.degree(2));
        assertEquals("2", d.userId(2));
        assertFalse(d.hasTimestamps());
        assertEquals("dataset 'g' has no timestamps",
                assertThrows(IllegalStateException.class, () -> d.timestamp(0)).getMessage());
    }

    @Test
    void checksumDependsOnContentOnly() {
        Dataset a = Dataset.builder("a", 2, 2).add(0, 1, 1f).add(1, 0, 2f).build();
        Dataset b = Dataset.builder("b", 2, 2).add(1, 0, 2f).add(0, 1, 1f).build();
        Dataset c = Dataset.builder("c", 2, 2).add(1, 0, 3f).add(0, 1, 1f).build();
        assertEquals(a.checksum(), b.checksum());
        assertNotEquals(a.checksum(), c.checksum());
        assertEquals(64, a.checksum().length());
    }

    @Test
    void rejectsMixedTimestampsAndOutOfRangeIds() {
        DatasetBuilder b = Dataset.builder("m", 2, 2).add(0, 0, 1f, 5);
        assertEquals("dataset 'm': interaction 2 has no timestamp but earlier ones do",
                assertThrows(IllegalStateException.class, () -> b.add(1, 1, 1f)).getMessage());
        assertEquals("dataset 'm': interaction (2, 0) outside 2 users x 2 items",
                assertThrows(IndexOutOfBoundsException.class, () -> b.add(2, 0, 1f, 1)).getMessage());
    }

    @Test
    void itemViewListsEachItemsUsersWithTheirInteractions() {
        Dataset d = Dataset.builder("t", 3, 3).add(2, 0, 5f).add(0, 0, 1f).add(0, 2, 2f).add(1, 0, 3f).build();
        assertEquals(3, d.itemDegree(0));
        assertEquals(0, d.itemDegree(1));
        int[] users = new int[3];
        float[] values = new float[3];
        for (int p = d.itemBegin(0); p < d.itemEnd(0); p++) {
            users[p - d.itemBegin(0)] = d.itemUser(p);
            values[p - d.itemBegin(0)] = d.value(d.itemIndex(p));
        }
        assertArrayEquals(new int[] {0, 1, 2}, users);
        assertArrayEquals(new float[] {1f, 3f, 5f}, values);
    }

    @Test
    void duplicatePoliciesKeepLastSumOrRefuse() {
        java.util.function.Function<DuplicatePolicy, Dataset> build = p -> Dataset.builder("d").duplicates(p)
                .add("u", "a", 1f, 10).add("u", "b", 2f, 11).add("u", "a", 4f, 12).add("v", "a", 8f, 1).build();
        Dataset all = build.apply(DuplicatePolicy.KEEP_ALL);
        assertArrayEquals(new int[] {0, 1, 0}, all.itemsOf(0));
        Dataset last = build.apply(DuplicatePolicy.KEEP_LAST);
        assertArrayEquals(new int[] {1, 0}, last.itemsOf(0)); // b@11, a@12
        assertEquals(4f, last.value(last.begin(0) + 1));
        Dataset sum = build.apply(DuplicatePolicy.SUM);
        assertEquals(5f, sum.value(sum.begin(0) + 1));
        assertEquals(12, sum.timestamp(sum.begin(0) + 1));
        assertEquals(1, sum.degree(1));
        assertEquals("dataset 'd': user 'u' has item 'a' twice (interactions 1 and 3); choose a duplicate policy: "
                        + "keep last, sum or keep all",
                assertThrows(IllegalArgumentException.class, () -> build.apply(DuplicatePolicy.ERROR)).getMessage());
    }

    @Test
    void keepsTheOrderOfAdditionWithoutTimestamps() {
        Dataset d = Dataset.builder("seq", 1, 5).add(0, 3, 1f).add(0, 1, 1f).add(0, 4, 1f).build();
        assertArrayEquals(new int[] {3, 1, 4}, d.itemsOf(0));
    }

    @Test
    void builderLikeSharesIdsAndTimestampsEvenWhenEmpty() {
        Dataset src = Dataset.builder("src").add("alice", "x", 1f, 5).add("bob", "y", 1f, 6).build();
        Dataset empty = Dataset.builderLike("part", src).build();
        assertEquals(true, empty.hasTimestamps());
        assertEquals(2, empty.numUsers());
        Dataset part = Dataset.builderLike("part", src).add(1, 1, 2f, 6).build();
        assertEquals("bob", part.userId(1));
        assertEquals("y", part.itemId(1));
        assertEquals("dataset 'p' shares the id spaces of a dataset with timestamps, but its first interaction has "
                + "none", assertThrows(IllegalStateException.class,
                () -> Dataset.builderLike("p", src).add(0, 0, 1f)).getMessage());
    }

    @Test
    void sortsLargeUsersStably() {
        DatasetBuilder b = Dataset.builder("big", 1, 1000);
        for (int i = 999; i >= 0; i--) {
            b.add(0, i, i, i % 7);
        }
        Dataset d = b.build();
        for (int k = d.begin(0) + 1; k < d.end(0); k++) {
            long t0 = d.timestamp(k - 1);
            long t1 = d.timestamp(k);
            assertEquals(true, t0 < t1 || (t0 == t1 && d.item(k - 1) < d.item(k)), "order broken at " + k);
        }
    }
}
