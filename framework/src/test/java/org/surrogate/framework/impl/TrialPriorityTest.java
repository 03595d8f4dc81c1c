package org.surrogate.framework.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrialPriorityTest {

    @AfterEach
    void clear() {
        System.clearProperty(TrialPriority.PROPERTY);
    }

    @Test
    void trialThreadAndThePoolsItStartsRunAtTheLoweredPriority() throws Exception {
        assumeTrue(Files.isSymbolicLink(Path.of("/proc/thread-self")), "needs Linux /proc/thread-self");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/renice")), "needs util-linux renice");
        int base = TrialPriority.currentNice();
        assumeTrue(base < 7, "the test JVM already runs at nice " + base);
        AtomicInteger trial = new AtomicInteger(Integer.MIN_VALUE);
        AtomicInteger child = new AtomicInteger(Integer.MIN_VALUE);
        Thread t = new Thread(TrialPriority.lowered(() -> {
            trial.set(TrialPriority.currentNice());
            Thread c = new Thread(() -> child.set(TrialPriority.currentNice()));
            c.start();
            try {
                c.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 7));
        t.start();
        t.join();
        assertEquals(7, trial.get());
        assertEquals(7, child.get(), "a thread started by a trial thread inherits its priority");
        assertEquals(base, TrialPriority.currentNice(), "only the trial thread is lowered");
    }

    @Test
    void zeroLeavesThePriorityAlone() {
        Runnable r = () -> { };
        assertTrue(TrialPriority.lowered(r, 0) == r);
        assertEquals(List.of(), TrialPriority.commandPrefix(0));
    }

    @Test
    void badSettingIsNamed() {
        assertEquals(TrialPriority.DEFAULT, TrialPriority.configured());
        System.setProperty(TrialPriority.PROPERTY, "3");
        assertEquals(3, TrialPriority.configured());
        System.setProperty(TrialPriority.PROPERTY, "20");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, TrialPriority::configured);
        assertEquals("surrogate.trialNice: 20 is out of range; expected 0 (off) to 19", e.getMessage());
        System.setProperty(TrialPriority.PROPERTY, "low");
        e = assertThrows(IllegalArgumentException.class, TrialPriority::configured);
        assertEquals("surrogate.trialNice: 'low' is not an integer; expected 0 (off) to 19", e.getMessage());
    }
}
