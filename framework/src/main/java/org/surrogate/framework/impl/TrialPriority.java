package org.surrogate.framework.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs trials at a lower CPU priority than the console, so that a researcher's page or API call
 * is answered promptly while trials keep every core busy.
 *
 * <p>On Linux a thread has its own nice value, and threads it creates inherit it. A trial thread
 * therefore lowers its own priority once ({@code renice} on its thread id) and every pool its
 * plugins start from it (evaluation, kNN, samplers) runs at the same priority. A forked worker is
 * started under {@code nice}. Raising the nice value needs no privilege. The value comes from the
 * system property {@value #PROPERTY} (0 to 19, default {@value #DEFAULT}; 0 turns it off). Where
 * it cannot be applied (not Linux, no {@code renice}) trials run at normal priority and the server
 * says so once in its log.
 */
final class TrialPriority {

    /** The system property that sets the nice value of trial threads. */
    static final String PROPERTY = "surrogate.trialNice";

    /** The default nice value: CFS then gives a console thread about 10 times a trial thread's share. */
    static final int DEFAULT = 10;

    private static final Logger LOG = Logger.getLogger(TrialPriority.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private TrialPriority() {
    }

    /**
     * The configured nice value.
     *
     * @return 0 (off) to 19
     * @throws IllegalArgumentException naming the property when its value is not an integer in 0..19
     */
    static int configured() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            return DEFAULT;
        }
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + ": '" + v + "' is not an integer; expected 0 (off) to 19");
        }
        if (n < 0 || n > 19) {
            throw new IllegalArgumentException(PROPERTY + ": " + n + " is out of range; expected 0 (off) to 19");
        }
        return n;
    }

    /**
     * Wraps a trial thread's work so the thread lowers its priority before it starts.
     *
     * @param work the thread's work
     * @param nice the nice value (0 = leave the priority alone)
     * @return the wrapped work
     */
    static Runnable lowered(Runnable work, int nice) {
        if (nice == 0) {
            return work;
        }
        return () -> {
            lowerCurrentThread(nice);
            work.run();
        };
    }

    /**
     * Sets the calling thread's nice value.
     *
     * @param nice 1 to 19
     * @return whether it was applied
     */
    static boolean lowerCurrentThread(int nice) {
        Path self = Path.of("/proc/thread-self");
        String failure;
        try {
            if (!Files.isSymbolicLink(self)) {
                failure = "no /proc/thread-self (not Linux)";
            } else {
                // "<pid>/task/<tid>"
                String tid = Files.readSymbolicLink(self).getFileName().toString();
                Process p = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", tid)
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    failure = "renice did not finish";
                } else if (p.exitValue() != 0) {
                    failure = "renice exited " + p.exitValue() + ": " + out.strip();
                } else {
                    return true;
                }
            }
        } catch (IOException e) {
            failure = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        if (WARNED.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "trials run at normal CPU priority (" + PROPERTY + "=" + nice
                    + " not applied: " + failure + "); the console may answer slowly while trials run");
        }
        return false;
    }

    /**
     * The command prefix that starts a forked worker at the configured priority.
     *
     * @param nice the nice value
     * @return {@code [nice, -n, N]}, or empty when off or {@code nice} is not installed
     */
    static List<String> commandPrefix(int nice) {
        if (nice == 0) {
            return List.of();
        }
        for (String dir : List.of("/usr/bin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, "nice"))) {
                return List.of(dir + "/nice", "-n", Integer.toString(nice));
            }
        }
        return List.of();
    }

    /**
     * The nice value of the calling thread, for tests and diagnostics.
     *
     * @return the value, or Integer.MIN_VALUE where /proc is absent
     */
    static int currentNice() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            // Field 19 is nice; field 2 (comm) may contain spaces, so count after its closing ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(f[16]);
        } catch (IOException | RuntimeException e) {
            return Integer.MIN_VALUE;
        }
    }
}
