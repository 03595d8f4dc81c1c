package org.surrogate.bundles.autoencoders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.surrogate.api.param.Params;
import org.surrogate.api.simulator.Observation;
import org.surrogate.api.simulator.StepResult;
import org.surrogate.testkit.RecordingRunContext;

/**
 * Tool, not a test: the virtual user ({@code cf-sfl-user}) on real data. Trains it on the training
 * users of {@link MultVaeBenchmark}'s ML-100K strong-generalization split, then for every held-out
 * user (history = the fold-in items) shows three slates of the size of the user's test items: the
 * test items, random items outside the user's items, and random items of the same popularity (each
 * test item swapped for the untaken item nearest in training popularity rank), and prints the mean
 * slate reward R(x, a), the mean per-item value R(x, e_j), and how often the test slate wins.
 *
 * <p>Arguments {@code key=value}: {@code data} (u.data), {@code seed} (1), {@code feedbackSteps}
 * (1), {@code epochs} (100), {@code jointEpochs} (50).
 */
public final class VirtualUserCheck {

    private VirtualUserCheck() {
    }

    /**
     * Runs the check.
     *
     * @param args see the class comment
     * @throws IOException if the data cannot be read
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> a = new java.util.HashMap<>(Map.of("data", "/work/shared/datasets/ml-100k/u.data",
                "seed", "1", "feedbackSteps", "1", "epochs", "100", "jointEpochs", "50"));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0 || !a.containsKey(arg.substring(0, eq))) {
                throw new IllegalArgumentException("argument '" + arg + "': expected key=value, keys " + a.keySet());
            }
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        if (!Files.isRegularFile(Path.of(a.get("data")))) {
            System.out.println("MovieLens-100K not found at " + a.get("data") + "; skipped");
            return;
        }
        long seed = Long.parseLong(a.get("seed"));
        MultVaeBenchmark.Split split = MultVaeBenchmark.split(Path.of(a.get("data")), 200, seed);
        Params params = VirtualUserSimulator.DESCRIPTOR.params().validate(Map.of("feedbackSteps",
                Integer.parseInt(a.get("feedbackSteps")), "epochs", Integer.parseInt(a.get("epochs")), "jointEpochs",
                Integer.parseInt(a.get("jointEpochs")), "totalAnnealSteps", 200L, "threads", 1), "");
        long t0 = System.nanoTime();
        VirtualUserEnvironment env = (VirtualUserEnvironment) new VirtualUserSimulator().create(split.train, params,
                new RecordingRunContext(seed));
        System.out.printf(Locale.ROOT, "trained in %.1f s on %d users x %d items%n", (System.nanoTime() - t0) / 1e9,
                split.trainUsers, split.train.numItems());
        int items = split.train.numItems();
        int[] count = new int[items];
        for (int k = 0; k < split.train.size(); k++) {
            count[split.train.item(k)]++;
        }
        Integer[] byPopularity = new Integer[items];
        for (int i = 0; i < items; i++) {
            byPopularity[i] = i;
        }
        java.util.Arrays.sort(byPopularity, (x, y) -> count[y] != count[x] ? count[y] - count[x] : x - y);
        int[] rank = new int[items];
        for (int r = 0; r < items; r++) {
            rank[byPopularity[r]] = r;
        }
        Random rng = new Random(seed);
        double[] slate = new double[3];
        double[] item = new double[3];
        int[] wins = new int[2];
        int users = 0;
        for (int u = 0; u < split.test.size(); u++) {
            int[] test = split.test.get(u);
            int[] history = split.foldIn.get(u);
            if (test.length == 0 || history.length == 0) {
                continue;
            }
            Set<Integer> taken = new HashSet<>();
            for (int i : history) {
                taken.add(i);
            }
            for (int i : test) {
                taken.add(i);
            }
            int[] random = new int[test.length];
            int[] matched = new int[test.length];
            for (int k = 0; k < test.length; k++) {
                int i;
                do {
                    i = rng.nextInt(items);
                } while (count[i] == 0 || !taken.add(i));
                random[k] = i;
                int r = rank[test[k]];
                for (int d = 1; d < items; d++) {
                    int up = r - d >= 0 ? byPopularity[r - d] : -1;
                    int down = r + d < items ? byPopularity[r + d] : -1;
                    int pick = rng.nextBoolean() ? (up >= 0 && !taken.contains(up) ? up : down)
                            : (down >= 0 && !taken.contains(down) ? down : up);
                    if (pick >= 0 && taken.add(pick)) {
                        matched[k] = pick;
                        break;
                    }
                }
            }
            Observation obs = env.reset(u, history);
            List<StepResult> r = env.step(List.of(obs, obs, obs), List.of(test, random, matched));
            for (int s = 0; s < 3; s++) {
                slate[s] += r.get(s).reward();
                double sum = 0;
                for (float v : r.get(s).values()) {
                    sum += v;
                }
                item[s] += sum / test.length;
            }
            wins[0] += r.get(0).reward() > r.get(1).reward() ? 1 : 0;
            wins[1] += r.get(0).reward() > r.get(2).reward() ? 1 : 0;
            users++;
        }
        System.out.printf(Locale.ROOT, "RESULT %d held-out users, T = %s: slate reward test %.4f, random %.4f, "
                + "popularity-matched %.4f; item value test %.4f, random %.4f, popularity-matched %.4f; test slate "
                + "wins vs random %d, vs popularity-matched %d%n", users, a.get("feedbackSteps"), slate[0] / users,
                slate[1] / users, slate[2] / users, item[0] / users, item[1] / users, item[2] / users, wins[0], wins[1]);
    }
}
