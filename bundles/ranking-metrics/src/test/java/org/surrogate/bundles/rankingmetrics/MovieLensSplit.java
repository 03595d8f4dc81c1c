package org.surrogate.bundles.rankingmetrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;

/**
 * MovieLens 100K ({@code u.data}: user, item, rating, timestamp, tab-separated) with a seeded 80/20
 * per-user random split, for the benchmark. Every rating counts as an interaction. Dense ids are the
 * file's ids minus 1 (ML-100K numbers users 1..943 and items 1..1682). For each user, in user order,
 * the user's ratings in file order are shuffled with {@code Collections.shuffle(list, rng)} of one
 * {@code java.util.Random(seed)}, and the first {@code round(0.2 n)} go to test, the rest to train.
 *
 * @param train the 80 %
 * @param test  the 20 %
 */
record MovieLensSplit(Dataset train, Dataset test) {

    /**
     * Reads and splits the file.
     *
     * @param uData the path of u.data
     * @param seed  the split seed
     * @return the split
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file and line of a malformed line
     */
    static MovieLensSplit load(Path uData, long seed) throws IOException {
        List<String> lines = Files.readAllLines(uData, StandardCharsets.UTF_8);
        List<List<long[]>> byUser = new ArrayList<>();
        int numItems = 0;
        for (int n = 0; n < lines.size(); n++) {
            String[] f = lines.get(n).split("\t");
            if (f.length != 4) {
                throw new IllegalArgumentException(uData + ":" + (n + 1) + ": expected 4 tab-separated fields (user, "
                        + "item, rating, timestamp), found " + f.length);
            }
            int user = Integer.parseInt(f[0]) - 1;
            int item = Integer.parseInt(f[1]) - 1;
            while (byUser.size() <= user) {
                byUser.add(new ArrayList<>());
            }
            byUser.get(user).add(new long[] {item, Long.parseLong(f[3])});
            numItems = Math.max(numItems, item + 1);
        }
        Random rng = new Random(seed);
        DatasetBuilder train = Dataset.builder("ml-100k-train", byUser.size(), numItems);
        DatasetBuilder test = Dataset.builder("ml-100k-test", byUser.size(), numItems);
        for (int u = 0; u < byUser.size(); u++) {
            List<long[]> ratings = byUser.get(u);
            Collections.shuffle(ratings, rng);
            long held = Math.round(0.2 * ratings.size());
            for (int k = 0; k < ratings.size(); k++) {
                (k < held ? test : train).add(u, (int) ratings.get(k)[0], 1f, ratings.get(k)[1]);
            }
        }
        return new MovieLensSplit(train.build(), test.build());
    }
}
