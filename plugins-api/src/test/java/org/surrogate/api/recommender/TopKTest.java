package org.surrogate.api.recommender;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void selectsBestFirstWithTiesToTheLowerIndex() {
        float[] s = {0.5f, 0.9f, 0.5f, Float.NEGATIVE_INFINITY, 0.9f, 0.1f};
        assertArrayEquals(new int[] {1, 4, 0, 2}, TopK.select(s, 0, s.length, 4));
    }

    @Test
    void neverSelectsExcludedOrNanScoresAndHandlesKAboveTheRow() {
        float[] s = {Float.NaN, 1f, Float.NEGATIVE_INFINITY, 2f};
        assertArrayEquals(new int[] {3, 1}, TopK.select(s, 0, s.length, 10));
        assertArrayEquals(new int[] {}, TopK.select(s, 0, s.length, 0));
    }

    @Test
    void worksOnARowOfALargerArray() {
        float[] s = {9f, 9f, 1f, 3f, 2f, 9f};
        assertArrayEquals(new int[] {1, 2}, TopK.select(s, 2, 5, 2));
    }

    @Test
    void agreesWithAFullSort() {
        Random rng = new Random(1);
        for (int trial = 0; trial < 50; trial++) {
            float[] s = new float[200];
            for (int i = 0; i < s.length; i++) {
                s[i] = rng.nextInt(30);
            }
            Integer[] idx = new Integer[s.length];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            java.util.Arrays.sort(idx, (a, b) -> s[a] != s[b] ? Float.compare(s[b], s[a]) : Integer.compare(a, b));
            int[] expected = new int[17];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = idx[i];
            }
            assertArrayEquals(expected, TopK.select(s, 0, s.length, 17));
        }
    }
}
