package org.surrogate.bundles.s2r;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.Plugin;
import org.surrogate.api.protocol.Configured;
import org.surrogate.api.protocol.Trial;

/** Small worlds for the tests. */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * A MovieLens-like dataset of explicit ratings with item ids "1".."items" and a u.item file
     * where the first half of the items are Action and the second half Comedy (item "1" is both, so
     * it must be dropped). Ratings follow item quality plus noise, so there is a signal.
     */
    record Movies(Dataset data, Path genreFile) {
    }

    static Movies movies(Path dir, int users, int items, long seed) throws IOException {
        return movies(dir, users, items, seed, false);
    }

    /**
     * The same world in the MovieLens latest-small format: half-star ratings (0.5 to 5) and a
     * {@code movies.csv} ({@code movieId,title,genres}, genres joined by '|', some titles quoted
     * with commas and quotes inside, one extra item with "(no genres listed)" that is in neither
     * domain).
     */
    static Movies moviesCsv(Path dir, int users, int items, long seed) throws IOException {
        return movies(dir, users, items, seed, true);
    }

    private static Movies movies(Path dir, int users, int items, long seed, boolean csv) throws IOException {
        Random rng = new Random(seed);
        double[] quality = new double[items];
        for (int j = 0; j < items; j++) {
            quality[j] = rng.nextGaussian();
        }
        DatasetBuilder b = Dataset.builder("movies");
        for (int u = 0; u < users; u++) {
            for (int j = 0; j < items; j++) {
                if (rng.nextDouble() < 0.5) {
                    double z = 1.5 * quality[j] + 0.5 * rng.nextGaussian();
                    float y = csv ? (float) Math.max(0.5, Math.min(5, Math.round(2 * (3 + 1.2 * z)) / 2.0))
                            : (float) Math.max(1, Math.min(5, Math.round(3 + 1.2 * z)));
                    b.add(String.valueOf(u + 1), String.valueOf(j + 1), y);
                }
            }
            if (csv && rng.nextDouble() < 0.5) {
                b.add(String.valueOf(u + 1), String.valueOf(items + 1), 4.5f);
            }
        }
        if (csv) {
            StringBuilder movies = new StringBuilder("movieId,title,genres\r\n");
            for (int j = 1; j <= items; j++) {
                String genres = j == 1 ? "Action|Comedy" : j <= items / 2 ? "Action|Thriller" : "Comedy|Romance";
                String title = j % 3 == 0 ? "\"Movie, The \"\"" + j + "\"\" (1995)\"" : "Movie " + j + " (1995)";
                movies.append(j).append(',').append(title).append(',').append(genres).append("\r\n");
            }
            movies.append(items + 1).append(",Untitled (2018),(no genres listed)\r\n");
            Path file = dir.resolve("movies.csv");
            Files.writeString(file, movies.toString(), StandardCharsets.UTF_8);
            return new Movies(b.build(), file);
        }
        StringBuilder item = new StringBuilder();
        for (int j = 1; j <= items; j++) {
            int[] flags = new int[19];
            if (j <= items / 2) {
                flags[1] = 1;
            } else {
                flags[5] = 1;
            }
            if (j == 1) {
                flags[5] = 1;
            }
            item.append(j).append("|Movie ").append(j).append(" (1995)|01-Jan-1995||http://x");
            for (int f : flags) {
                item.append('|').append(f);
            }
            item.append('\n');
        }
        Path file = dir.resolve("u.item");
        Files.writeString(file, item.toString(), StandardCharsets.ISO_8859_1);
        return new Movies(b.build(), file);
    }

    /** The genre-split params for {@link #movies}. */
    static Map<String, Object> splitParams(Path genreFile) {
        Map<String, Object> m = new HashMap<>();
        m.put("genreFile", genreFile.toString());
        m.put("simGenre", "Action");
        m.put("realGenre", "Comedy");
        m.put("trainUsers", 30);
        m.put("features", 6);
        m.put("horizon", 8);
        return m;
    }

    /**
     * A task whose simulation and real domains are the same ratings, users and features (only the
     * user split differs): the dynamics gap is zero by construction.
     */
    static SimToRealTask identicalTask(SimToRealTask base) {
        RatingTable sim = base.sim();
        List<Integer> rows = new ArrayList<>();
        for (int u = 0; u < sim.numUsers(); u++) {
            rows.add(u);
        }
        RatingTable real = sim.subset("real (copy of simulation)", rows);
        int n = sim.numUsers();
        int train = n / 2;
        int[] tr = new int[train];
        int[] te = new int[n - train];
        for (int i = 0; i < n; i++) {
            if (i < train) {
                tr[i] = i;
            } else {
                te[i - train] = i;
            }
        }
        return new SimToRealTask("identical", base.rules(), sim, real, tr, new int[0], te, base.simItemFeatures(),
                base.simItemFeatures(), base.simUserFeatures(), base.simUserFeatures(), base.simUserFeatures());
    }

    /** The task with the real domain's ratings mirrored (y -> 6 - y): the opposite dynamics. */
    static SimToRealTask flippedTask(SimToRealTask identical) {
        RatingTable sim = identical.sim();
        int[][] items = new int[sim.numUsers()][];
        float[][] ratings = new float[sim.numUsers()][];
        String[] ids = new String[sim.numUsers()];
        String[] itemIds = new String[sim.numItems()];
        for (int j = 0; j < itemIds.length; j++) {
            itemIds[j] = sim.itemId(j);
        }
        for (int u = 0; u < sim.numUsers(); u++) {
            items[u] = sim.itemsOf(u);
            ratings[u] = new float[items[u].length];
            for (int k = 0; k < items[u].length; k++) {
                ratings[u][k] = 6 - sim.ratingsOf(u)[k];
            }
            ids[u] = sim.userId(u);
        }
        RatingTable real = new RatingTable("flipped", sim.numItems(), items, ratings, ids, itemIds);
        return new SimToRealTask("flipped", identical.rules(), sim, real, identical.realTrain(),
                identical.realValidation(), identical.realTest(), identical.simItemFeatures(),
                identical.realItemFeatures(), identical.simUserFeatures(), identical.realTrainUserFeatures(),
                identical.realUserSimFeatures());
    }

    /** A trial with fixed slots. */
    static final class FakeTrial implements Trial {
        private final Params params;
        private final Map<String, List<Configured<? extends Plugin>>> slots = new HashMap<>();

        FakeTrial(Params params) {
            this.params = params;
        }

        FakeTrial with(String slot, Plugin plugin, Map<String, ?> values, String label) {
            Params p = plugin.descriptor().params().validate(values, "slots." + slot);
            slots.computeIfAbsent(slot, k -> new ArrayList<>()).add(new Configured<>(plugin, p, label));
            return this;
        }

        @Override
        public Params params() {
            return params;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends Plugin> List<Configured<T>> slot(String slot, Class<T> type) {
            List<Configured<T>> out = new ArrayList<>();
            for (Configured<? extends Plugin> c : slots.getOrDefault(slot, List.of())) {
                out.add((Configured<T>) c);
            }
            return out;
        }
    }
}
