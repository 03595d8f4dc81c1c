package org.surrogate.bundles.loaders;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.run.RunContext;

/**
 * The {@code error} duplicate policy: finds the user-item pairs that occur more than once in a dataset
 * read with every interaction kept, and if there are any, reads the file again to name the first line
 * that repeats a pair and the line it repeats. Cheap when there are none (a sort of each user's items).
 */
final class DuplicateCheck {

    private DuplicateCheck() {
    }

    /**
     * Refuses a dataset with a repeated user-item pair.
     *
     * @param data   the dataset as read, with every interaction kept
     * @param file   the file it was read from
     * @param format the file's format
     * @param ctx    the run context, for cancellation while the file is read again
     * @throws MalformedFileException naming the line that repeats a pair and the line it repeats
     * @throws IOException            if the file cannot be read again
     */
    static void requireNoRepeats(Dataset data, Path file, RecordFormat format, RunContext ctx) throws IOException {
        Set<String> repeated = repeatedPairs(data);
        if (repeated.isEmpty()) {
            return;
        }
        Map<String, Integer> firstLine = new HashMap<>();
        // The progress stays where reading left it while the file is read again.
        RunContext again = ctx.scoped("duplicates", DatasetLoader.READ_SHARE, DatasetLoader.READ_SHARE);
        try (LineReader in = LineReader.open(file, again, 1)) {
            format.read(in, (user, item, value, time, line) -> {
                String key = key(user, item);
                if (repeated.contains(key)) {
                    Integer first = firstLine.putIfAbsent(key, line);
                    if (first != null) {
                        throw in.error(line, (first == line ? "user '" + user + "' has item '" + item
                                + "' twice on this line" : "user '" + user + "' and item '" + item
                                + "' repeat line " + first) + "; duplicates '" + LoaderParams.ERROR
                                + "' refuses repeated pairs: choose " + LoaderParams.KEEP_ALL + ", "
                                + LoaderParams.KEEP_LAST + " or " + LoaderParams.SUM);
                    }
                }
            });
        }
        throw new IllegalStateException(file + " changed while it was read: a repeated pair found in the first "
                + "reading is not in the second");
    }

    private static Set<String> repeatedPairs(Dataset data) {
        Set<String> out = new HashSet<>();
        for (int u = 0; u < data.numUsers(); u++) {
            int[] items = data.itemsOf(u);
            Arrays.sort(items);
            for (int k = 1; k < items.length; k++) {
                if (items[k] == items[k - 1]) {
                    out.add(key(data.userId(u), data.itemId(items[k])));
                }
            }
        }
        return out;
    }

    private static String key(String user, String item) {
        return user + '\u0000' + item;
    }
}
