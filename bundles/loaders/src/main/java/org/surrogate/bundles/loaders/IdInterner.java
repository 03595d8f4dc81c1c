package org.surrogate.bundles.loaders;

/**
 * One String per distinct numeric id, found by its value in an open-addressing table of primitive
 * longs. Handing the dataset builder the same String for the same id spares a substring and a hash
 * computation per field (the String caches its hash), which is most of the cost of reading large
 * files. Not thread-safe.
 */
final class IdInterner {

    private long[] keys = new long[1024];
    private String[] values = new String[1024];
    private int size;

    /**
     * The String of an id.
     *
     * @param id the id, not negative
     * @return its decimal text, the same instance for the same id
     */
    String intern(long id) {
        int mask = keys.length - 1;
        int h = slot(id, mask);
        while (values[h] != null) {
            if (keys[h] == id) {
                return values[h];
            }
            h = (h + 1) & mask;
        }
        String s = Long.toString(id);
        keys[h] = id;
        values[h] = s;
        if (++size > keys.length / 2) {
            grow();
        }
        return s;
    }

    private static int slot(long id, int mask) {
        long z = id * 0x9E3779B97F4A7C15L;
        return (int) (z ^ (z >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        String[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new String[oldValues.length * 2];
        int mask = keys.length - 1;
        for (int k = 0; k < oldKeys.length; k++) {
            if (oldValues[k] != null) {
                int h = slot(oldKeys[k], mask);
                while (values[h] != null) {
                    h = (h + 1) & mask;
                }
                keys[h] = oldKeys[k];
                values[h] = oldValues[k];
            }
        }
    }
}
