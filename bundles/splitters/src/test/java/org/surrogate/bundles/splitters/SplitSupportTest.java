package org.surrogate.bundles.splitters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SplitSupportTest {

    @Test
    void roundedCountRoundsHalvesUpWithinOneAndDMinusOne() {
        assertEquals(1, SplitSupport.roundedCount(2, 0.2));
        assertEquals(2, SplitSupport.roundedCount(5, 0.3));
        assertEquals(3, SplitSupport.roundedCount(5, 0.5));
        assertEquals(4, SplitSupport.roundedCount(10, 0.35));
        assertEquals(4, SplitSupport.roundedCount(5, 0.99));
    }

    @Test
    void flooredCountFollowsLiangButKeepsOneWhenItCan() {
        assertEquals(0, SplitSupport.flooredCount(1, 0.2));
        assertEquals(1, SplitSupport.flooredCount(4, 0.2));
        assertEquals(1, SplitSupport.flooredCount(9, 0.2));
        assertEquals(2, SplitSupport.flooredCount(10, 0.2));
        assertEquals(3, SplitSupport.flooredCount(10, 0.3));
        assertEquals(9, SplitSupport.flooredCount(10, 0.99));
    }

    @Test
    void formatsPercentagesAsWritten() {
        assertEquals("20%", SplitSupport.percent(0.2));
        assertEquals("12.5%", SplitSupport.percent(0.125));
        assertEquals("7%", SplitSupport.percent(0.07));
        assertEquals("70%", SplitSupport.complementPercent(0.3));
        assertEquals("0.25", SplitSupport.number(0.25));
    }
}
