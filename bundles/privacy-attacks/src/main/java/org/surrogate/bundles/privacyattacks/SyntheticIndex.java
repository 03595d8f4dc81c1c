package org.surrogate.bundles.privacyattacks;

import java.util.Arrays;

/**
 * An inverted index of the synthetic records by item, answering "the k smallest distances from a query set
 * to the synthetic records". The overlaps of a query with every synthetic record sharing an item are
 * counted through the posting lists of its items, so a query costs the sum of its items' synthetic
 * popularity; synthetic records sharing no item are at distance 1. Not thread-safe (one scratch buffer).
 */
final class SyntheticIndex {

    private final int[][] records;
    private final int[] itemStart;
    private final int[] postings;
    private final int[] overlap;
    private final int[] touched;
    private final Distance distance;

    /**
     * Builds the index.
     *
     * @param records  the synthetic records, each a sorted set of items
     * @param numItems the number of items
     * @param distance the distance
     */
    SyntheticIndex(int[][] records, int numItems, Distance distance) {
        this.records = records;
        this.distance = distance;
        this.itemStart = new int[numItems + 1];
        for (int[] r : records) {
            for (int i : r) {
                itemStart[i + 1]++;
            }
        }
        for (int i = 0; i < numItems; i++) {
            itemStart[i + 1] += itemStart[i];
        }
        this.postings = new int[itemStart[numItems]];
        int[] next = Arrays.copyOf(itemStart, numItems);
        for (int s = 0; s < records.length; s++) {
            for (int i : records[s]) {
                postings[next[i]++] = s;
            }
        }
        this.overlap = new int[records.length];
        this.touched = new int[records.length];
    }

    /**
     * The number of synthetic records holding an item.
     *
     * @param item the item
     * @return its synthetic popularity
     */
    int popularity(int item) {
        return itemStart[item + 1] - itemStart[item];
    }

    /**
     * The k smallest distances from a query to the synthetic records, increasing; padded with 1 (the
     * distance of a record sharing no item) when fewer records overlap the query.
     *
     * @param query a sorted set of items, not empty
     * @param k     how many, at least 1
     * @return the distances
     */
    double[] nearest(int[] query, int k) {
        int n = 0;
        for (int item : query) {
            for (int p = itemStart[item]; p < itemStart[item + 1]; p++) {
                int s = postings[p];
                if (overlap[s]++ == 0) {
                    touched[n++] = s;
                }
            }
        }
        double[] best = new double[k];
        Arrays.fill(best, 1.0);
        for (int t = 0; t < n; t++) {
            int s = touched[t];
            double d = distance.of(query.length, records[s].length, overlap[s]);
            overlap[s] = 0;
            if (d < best[k - 1]) {
                int pos = k - 1;
                while (pos > 0 && best[pos - 1] > d) {
                    best[pos] = best[pos - 1];
                    pos--;
                }
                best[pos] = d;
            }
        }
        return best;
    }
}
