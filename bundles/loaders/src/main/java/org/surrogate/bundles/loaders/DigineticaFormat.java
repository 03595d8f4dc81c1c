package org.surrogate.bundles.loaders;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;

/**
 * DIGINETICA (CIKM Cup 2016) {@code train-item-views.csv}: {@code ;}-separated with the header
 * {@code sessionId;userId;itemId;timeframe;eventdate} (the SR-GNN sample spells it
 * {@code session_id;user_id;item_id;timeframe;eventdate}; names match ignoring case and '_'). A session
 * is a user; {@code userId} (mostly {@code NA}) is not used. Every click has value 1 and the timestamp
 * {@code eventdate} (as milliseconds since the epoch, UTC) plus {@code timeframe} (milliseconds), so
 * clicks order by date, then time frame, as long as a time frame is shorter than a day (in the sample
 * the longest is about 20 minutes). Session and item ids are non-negative integers.
 */
final class DigineticaFormat implements RecordFormat {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    @Override
    public void read(LineReader in, InteractionSink sink) throws IOException {
        String line = in.next();
        if (line == null) {
            throw in.fileError("the file is empty");
        }
        Fields h = new Fields(in, k -> "header field " + (k + 1));
        h.split(line, ";");
        List<String> names = h.texts();
        int session = DelimitedFormat.findColumn(names, "sessionId", true, in);
        int item = DelimitedFormat.findColumn(names, "itemId", true, in);
        int frame = DelimitedFormat.findColumn(names, "timeframe", true, in);
        int date = DelimitedFormat.findColumn(names, "eventdate", true, in);
        Fields f = new Fields(in, k -> "column '" + names.get(k) + "'");
        String lastDate = null;
        long lastDay = 0;
        while ((line = in.next()) != null) {
            f.split(line, ";");
            if (f.count() != names.size()) {
                throw in.error("expected " + names.size() + " fields separated by ';' (as in the header), found "
                        + f.count());
            }
            String dateText = f.text(date);
            if (!dateText.equals(lastDate)) {
                lastDay = epochDay(dateText, in, names.get(date));
                lastDate = dateText;
            }
            long time = lastDay * MILLIS_PER_DAY + f.integer(frame);
            sink.accept(f.numericId(session), f.numericId(item), 1f, time, in.line());
        }
        if (in.contentLines() == 1) {
            throw in.fileError("the file has a header but no data lines");
        }
    }

    private static long epochDay(String text, LineReader in, String column) throws MalformedFileException {
        if (isDate(text)) {
            try {
                return LocalDate.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10),
                        Integer.parseInt(text, 8, 10, 10)).toEpochDay();
            } catch (NumberFormatException | DateTimeException e) {
                // reported below, with the column and the text
            }
        }
        throw in.error("column '" + column + "': expected a date YYYY-MM-DD, found '" + text + "'");
    }

    /** Whether a text has the shape 9999-99-99. */
    private static boolean isDate(String text) {
        if (text.length() != 10) {
            return false;
        }
        for (int k = 0; k < 10; k++) {
            char c = text.charAt(k);
            if (k == 4 || k == 7 ? c != '-' : c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
