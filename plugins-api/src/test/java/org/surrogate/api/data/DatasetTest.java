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
