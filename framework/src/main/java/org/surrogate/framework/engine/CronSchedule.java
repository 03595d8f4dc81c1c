package org.surrogate.framework.engine;

import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A classic five-field cron expression: {@code minute hour day-of-month month day-of-week}, each a
 * {@code *}, a number, a range {@code a-b}, a list {@code a,b,c} or a step {@code *}{@code /n},
 * {@code a-b/n}; months and weekdays also by English abbreviation ({@code jan}, {@code mon}); Sunday
 * is 0 or 7. As in Vixie cron, when both day fields are restricted a day matches either. The macros
 * {@code @hourly}, {@code @daily} (also {@code @nightly}, at 03:00), {@code @weekly} and
 * {@code @monthly} are accepted.
 */
public final class CronSchedule {

    private static final Map<String, String> MACROS = Map.of(
            "@hourly", "0 * * * *", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
            "@nightly", "0 3 * * *", "@weekly", "0 0 * * 0", "@monthly", "0 0 1 * *");
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
        "nov", "dec"};
    private static final String[] DAYS = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean domRestricted;
    private final boolean dowRestricted;

    private CronSchedule(String expression, String[] f) {
        this.expression = expression;
        minutes = field(f[0], 0, 59, null, "minute");
        hours = field(f[1], 0, 23, null, "hour");
        daysOfMonth = field(f[2], 1, 31, null, "day of month");
        months = field(f[3], 1, 12, MONTHS, "month");
        BitSet dow = field(f[4], 0, 7, DAYS, "day of week");
        if (dow.get(7)) {
            dow.set(0);
            dow.clear(7);
        }
        daysOfWeek = dow;
        domRestricted = !f[2].equals("*");
        dowRestricted = !f[4].equals("*");
    }

    /**
     * Parses an expression.
     *
     * @param expression five fields or a macro
     * @return the schedule
     * @throws IllegalArgumentException naming the field and the accepted form
     */
    public static CronSchedule parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("expected a cron expression such as '0 3 * * *', found nothing");
        }
        String e = expression.trim().toLowerCase(Locale.ROOT);
        String expanded = MACROS.getOrDefault(e, e);
        if (expanded.startsWith("@")) {
            throw new IllegalArgumentException("unknown cron macro '" + expression + "'; known: " + MACROS.keySet());
        }
        String[] f = expanded.split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException("expected 5 cron fields (minute hour day-of-month month day-of-week), "
                    + "found " + f.length + " in '" + expression + "'");
        }
        return new CronSchedule(expression.trim(), f);
    }

    /**
     * The expression as written.
     *
     * @return the expression
     */
    public String expression() {
        return expression;
    }

    /**
     * The first matching minute strictly after a time.
     *
     * @param after the time
     * @return the next firing time, at second 0
     * @throws IllegalStateException if nothing matches within five years (such as 30 February)
     */
    public ZonedDateTime next(ZonedDateTime after) {
        ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = after.plusYears(5);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
                continue;
            }
            if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
                continue;
            }
            if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                continue;
            }
            if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
                continue;
            }
            return t;
        }
        throw new IllegalStateException("cron '" + expression + "' never fires within five years");
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        if (domRestricted && dowRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    private static BitSet field(String text, int min, int max, String[] names, String what) {
        BitSet set = new BitSet(max + 1);
        for (String part : text.split(",")) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), 1, max, null, 0, what, text);
                range = part.substring(0, slash);
            }
            int lo;
            int hi;
            if (range.equals("*")) {
                lo = min;
                hi = max;
            } else if (range.contains("-")) {
                String[] ab = range.split("-", 2);
                lo = number(ab[0], min, max, names, names == MONTHS ? 1 : 0, what, text);
                hi = number(ab[1], min, max, names, names == MONTHS ? 1 : 0, what, text);
                if (hi < lo) {
                    throw new IllegalArgumentException("cron " + what + ": range '" + range + "' runs backwards");
                }
            } else {
                lo = number(range, min, max, names, names == MONTHS ? 1 : 0, what, text);
                hi = slash >= 0 ? max : lo;
            }
            for (int v = lo; v <= hi; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static int number(String s, int min, int max, String[] names, int nameBase, String what, String field) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(s)) {
                    return i + nameBase;
                }
            }
        }
        try {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                throw new IllegalArgumentException("cron " + what + ": " + v + " is outside " + min + "-" + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cron " + what + ": expected a number " + min + "-" + max
                    + (names == null ? "" : " or a name such as '" + names[0] + "'") + ", found '" + s + "' in '"
                    + field + "'");
        }
    }

    @Override
    public String toString() {
        return expression;
    }
}
