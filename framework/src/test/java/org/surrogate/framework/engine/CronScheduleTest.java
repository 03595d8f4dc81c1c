package org.surrogate.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    private static final ZonedDateTime MON_1030 = ZonedDateTime.of(2026, 11, 23, 10, 30, 15, 0, ZoneOffset.UTC);

    private static ZonedDateTime next(String cron, ZonedDateTime after) {
        return CronSchedule.parse(cron).next(after);
    }

    @Test
    void nightlyAndEveryMinute() {
        assertEquals(ZonedDateTime.of(2026, 11, 24, 3, 0, 0, 0, ZoneOffset.UTC), next("0 3 * * *", MON_1030));
        assertEquals(ZonedDateTime.of(2026, 11, 24, 3, 0, 0, 0, ZoneOffset.UTC), next("@nightly", MON_1030));
        assertEquals(MON_1030.withSecond(0).plusMinutes(1), next("* * * * *", MON_1030));
        // strictly after: at 03:00 exactly the next firing is tomorrow
        ZonedDateTime at3 = ZonedDateTime.of(2026, 11, 24, 3, 0, 0, 0, ZoneOffset.UTC);
        assertEquals(at3.plusDays(1), next("0 3 * * *", at3));
    }

    @Test
    void stepsListsRangesAndNames() {
        assertEquals(MON_1030.withSecond(0).withMinute(45), next("*/15 * * * *", MON_1030));
        assertEquals(ZonedDateTime.of(2026, 11, 23, 12, 5, 0, 0, ZoneOffset.UTC), next("5 9-17/3 * * *", MON_1030));
        // Friday 2026-11-27 at 18:00
        assertEquals(ZonedDateTime.of(2026, 11, 27, 18, 0, 0, 0, ZoneOffset.UTC), next("0 18 * * fri", MON_1030));
        assertEquals(ZonedDateTime.of(2027, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), next("0 0 1 jan *", MON_1030));
        // Sunday as 7 and as 0
        assertEquals(next("0 0 * * 0", MON_1030), next("0 0 * * 7", MON_1030));
    }

    @Test
    void restrictedDayFieldsMatchEither() {
        // the 1st of the month or any Wednesday: Wednesday 25 November comes first
        assertEquals(ZonedDateTime.of(2026, 11, 25, 0, 0, 0, 0, ZoneOffset.UTC), next("0 0 1 * wed", MON_1030));
    }

    @Test
    void leapDayAndImpossibleDates() {
        assertEquals(ZonedDateTime.of(2028, 2, 29, 0, 0, 0, 0, ZoneOffset.UTC), next("0 0 29 2 *", MON_1030));
        assertThrows(IllegalStateException.class, () -> next("0 0 30 2 *", MON_1030));
    }

    @Test
    void badExpressionsNameTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("61 * * * *"));
        assertTrue(e.getMessage().contains("minute") && e.getMessage().contains("61"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("0 3 * *"));
        assertTrue(e.getMessage().contains("5 cron fields"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("0 3 * * funday"));
        assertTrue(e.getMessage().contains("day of week"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("@sometimes"));
        assertTrue(e.getMessage().contains("unknown cron macro"), e.getMessage());
    }
}
