package org.surrogate.bundles.loaders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetSource;
import org.surrogate.testkit.RecordingRunContext;

/** Helpers for loader tests: fixtures, loading with raw parameters, datasets as readable rows. */
final class LoaderTesting {

    private LoaderTesting() {
    }

    /** Writes a fixture file. */
    static Path write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** Loads a file with a plugin, validating the parameters {@code path=file, key1, value1, ...}. */
    static Dataset load(DatasetSource source, Path file, Object... keyValues) throws IOException {
        return load(source, new RecordingRunContext(7), file, keyValues);
    }

    /** Loads with a given context. */
    static Dataset load(DatasetSource source, RecordingRunContext ctx, Path file, Object... keyValues)
            throws IOException {
        Map<String, Object> raw = new HashMap<>();
        raw.put(LoaderParams.PATH, file.toString());
        for (int k = 0; k < keyValues.length; k += 2) {
            raw.put((String) keyValues[k], keyValues[k + 1]);
        }
        return source.load(source.descriptor().params().validate(raw, ""), ctx);
    }

    /** Every interaction as "user item value time" (time left out without timestamps), by original ids, in order. */
    static List<String> rows(Dataset d) {
        List<String> out = new ArrayList<>();
        for (int u = 0; u < d.numUsers(); u++) {
            for (int i = d.begin(u); i < d.end(u); i++) {
                out.add(d.userId(u) + " " + d.itemId(d.item(i)) + " " + fmt(d.value(i))
                        + (d.hasTimestamps() ? " " + d.timestamp(i) : ""));
            }
        }
        return out;
    }

    private static String fmt(float v) {
        return v == Math.rint(v) ? Integer.toString((int) v) : Float.toString(v);
    }

    /** The number of distinct users and items with interactions. */
    static int[] counts(Dataset d) {
        int users = 0;
        for (int u = 0; u < d.numUsers(); u++) {
            users += d.degree(u) > 0 ? 1 : 0;
        }
        int items = 0;
        for (int c : d.itemCounts()) {
            items += c > 0 ? 1 : 0;
        }
        return new int[] {d.size(), users, items};
    }

    /**
     * A folder of the staged real datasets; skips the test when it is absent. The root is the system
     * property {@code surrogate.datasets}, by default ../../../shared/datasets from the module folder.
     */
    static Path realData(String folder) {
        Path root = Path.of(System.getProperty("surrogate.datasets", "../../../shared/datasets"))
                .toAbsolutePath().normalize();
        Path dir = root.resolve(folder);
        Assumptions.assumeTrue(Files.isDirectory(dir), "real data folder " + dir + " is absent; set "
                + "-Dsurrogate.datasets=<folder with " + folder + "/> to run this test");
        return dir;
    }

    /** A file inside a real data folder; skips the test when it is absent. */
    static Path realFile(String folder, String file) {
        Path f = realData(folder).resolve(file);
        Assumptions.assumeTrue(Files.isRegularFile(f), "real data file " + f + " is absent");
        return f;
    }

    /** Loads a real file, printing how long it took, and returns the dataset. */
    static Dataset timedLoad(DatasetSource source, Path file, Object... keyValues) throws IOException {
        long start = System.nanoTime();
        Dataset d = load(source, file, keyValues);
        System.out.printf("%s: loaded %s in %.1f ms%n", source.descriptor().id(), file.getFileName(),
                (System.nanoTime() - start) / 1e6);
        return d;
    }
}
