package org.surrogate.api.data;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Heap held by a {@link Dataset} of 20 million interactions (1M users x 100k items, timestamps),
 * side by side with the same interactions as a list of objects, the obvious Java representation.
 * Run by {@code ./surrogate bench data}, not by the test suite; needs about -Xmx6g.
 */
public final class DatasetMemoryBenchmark {

    /** One interaction as an object, for the comparison. */
    private record Interaction(int user, int item, float value, long timestamp) {
    }

    private DatasetMemoryBenchmark() {
    }

    public static void main(String[] args) {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int items = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int perUser = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        long n = (long) users * perUser;

        long base = usedHeap();
        long t0 = System.nanoTime();
        DatasetBuilder b = Dataset.builder("bench", users, items);
        SplittableRandom rng = new SplittableRandom(1);
        for (int u = 0; u < users; u++) {
            for (int k = 0; k < perUser; k++) {
                b.add(u, rng.nextInt(items), 1 + rng.nextInt(5), 1_000_000L + k);
            }
        }
        Dataset d = b.build();
        b = null;
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        long held = usedHeap() - base;
        long t1 = System.nanoTime();
        d.itemDegree(0);
        double viewSeconds = (System.nanoTime() - t1) / 1e9;
        long withView = usedHeap() - base;
        System.out.printf("Dataset: %,d interactions (%,d users x %,d items): built in %.1f s, held %,d MB"
                        + " (%.1f bytes/interaction); with the by-item view (built in %.1f s) %,d MB (%.1f bytes)%n",
                d.size(), users, items, buildSeconds, held >> 20, (double) held / n, viewSeconds, withView >> 20,
                (double) withView / n);
        long keep = d.size();
        d = null;

        base = usedHeap();
        List<Interaction> list = new ArrayList<>();
        rng = new SplittableRandom(1);
        for (int u = 0; u < users && list.size() < n; u++) {
            for (int k = 0; k < perUser; k++) {
                list.add(new Interaction(u, rng.nextInt(items), 1 + rng.nextInt(5), 1_000_000L + k));
            }
        }
        long objects = usedHeap() - base;
        System.out.printf("List<record(int,int,float,long)>: held %,d MB (%.1f bytes/interaction)%n", objects >> 20,
                (double) objects / list.size());
        System.out.printf("ratio Dataset (with item view) / list of objects: %.2f%n", (double) withView / objects);
        System.out.printf("goal: 20M interactions under 600 MB -> %s (%,d interactions)%n",
                withView < 600L << 20 ? "met" : "MISSED", keep);
    }

    private static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
