package org.surrogate.bundles.loaders;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The S3-Rec / ICLRec sequence format: one line per user, {@code user item item item ...}, separated
 * by spaces (or tabs), items in time order. The file has no timestamps, so an item's position in its
 * line (0, 1, 2, ...) is its timestamp, which keeps every sequence in its order; every value is 1. Ids
 * are non-negative integers. A user on two lines is an error: the format has one line per user.
 */
final class SequenceFormat implements RecordFormat {

    @Override
    public void read(LineReader in, InteractionSink sink) throws IOException {
        Fields f = new Fields(in, k -> k == 0 ? "user id" : "item at position " + (k - 1));
        Map<String, Integer> userLines = new HashMap<>();
        String line;
        while ((line = in.next()) != null) {
            f.splitWhitespace(line);
            String user = f.numericId(0);
            Integer earlier = userLines.putIfAbsent(user, in.line());
            if (earlier != null) {
                throw in.error("user '" + user + "' already has a sequence on line " + earlier
                        + "; the format has one line per user");
            }
            for (int k = 1; k < f.count(); k++) {
                sink.accept(user, f.numericId(k), 1f, k - 1, in.line());
            }
        }
        if (in.contentLines() == 0) {
            throw in.fileError("the file is empty");
        }
    }
}
