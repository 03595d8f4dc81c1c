package org.surrogate.framework.experiments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment as a researcher writes it: a protocol, its slots filled with plugins, a parameter
 * grid crossed with seeds, and scheduling facts. Parse one with {@link ExperimentSpecs#parse} and
 * turn it into trials with {@link ExperimentExpander#expand}, which validates it against the
 * installed plugins first.
 *
 * <pre>{@code
 * name: als-factors
 * protocol: {plugin: holdout}
 * slots:
 *   dataset: [{plugin: movielens-100k, params: {path: data/u.data}}]
 *   split: [{plugin: random-holdout}]
 *   recommenders: [{plugin: als}]
 *   evaluators: [{plugin: ranking-metrics}]
 * grid:
 *   slots.recommenders[0].params.factors: [32, 64, 128]
 * seeds: [1, 2, 3]
 * }</pre>
 *
 * @param name           a short name; required
 * @param description    what the experiment is for, or null
 * @param tags           free tags for search; empty when absent
 * @param protocol       the protocol plugin and its parameters; required
 * @param slots          the plugins of each protocol slot, by slot name, in spec order
 * @param grid           the grid axes by parameter path ({@code params.NAME} or
 *                       {@code slots.SLOT[I].params.NAME}), in spec order
 * @param samples        how many points to draw from the grid's uniform and log-uniform axes; 0 when
 *                       it has none
 * @param samplingSeed   the seed of that sampling; 0 when absent
 * @param seeds          the trial seeds; {@code [0]} when absent
 * @param priority       the scheduling priority, higher first; 0 when absent
 * @param timeoutMinutes the per-trial timeout, or null for none
 * @param threads        the threads a trial needs, or null for the default
 * @param memoryMb       the memory a trial needs in MiB, or null for the default
 * @param schedule       a cron expression ({@link org.surrogate.framework.engine.CronSchedule}) at
 *                       which the experiment is submitted again, with the plugins installed then;
 *                       null to run once
 * @param retries        how often a failed trial is run again; 0 when absent
 * @param onInterrupt    what happens to a trial that was running when the server stopped:
 *                       {@code requeue} (the default) or {@code fail}
 * @param executor       where trials run: {@code threads} (in the server, the default) or
 *                       {@code worker} (a forked JVM each, killed if it hangs or crashes)
 */
public record ExperimentSpec(String name, String description, List<String> tags,
                             PluginRef protocol, Map<String, List<PluginRef>> slots,
                             Map<String, GridAxis> grid, Integer samples, Long samplingSeed, List<Long> seeds,
                             Integer priority, Integer timeoutMinutes, Integer threads, Integer memoryMb,
                             String schedule, Integer retries, String onInterrupt, String executor) {

    /**
     * Fills defaults, checks the fields that need no plugin to check, and copies the collections,
     * keeping their order. Empty seeds are kept so that the expander reports them with the other
     * problems.
     *
     * @throws IllegalArgumentException naming the field, the value and what is accepted
     */
    public ExperimentSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: required, expected a non-blank name");
        }
        if (protocol == null) {
            throw new IllegalArgumentException("protocol: required, expected {plugin: ID, params: {...}}");
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
        Map<String, List<PluginRef>> slotCopy = new LinkedHashMap<>();
        if (slots != null) {
            slots.forEach((k, v) -> slotCopy.put(k, v == null ? List.of() : List.copyOf(v)));
        }
        slots = Collections.unmodifiableMap(slotCopy);
        grid = grid == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(grid));
        samples = samples == null ? 0 : samples;
        samplingSeed = samplingSeed == null ? 0L : samplingSeed;
        seeds = seeds == null ? List.of(0L) : Collections.unmodifiableList(new ArrayList<>(seeds));
        priority = priority == null ? 0 : priority;
        requireAtLeast("samples", samples, 0);
        requireAtLeast("timeoutMinutes", timeoutMinutes, 1);
        requireAtLeast("threads", threads, 1);
        requireAtLeast("memoryMb", memoryMb, 1);
        retries = retries == null ? 0 : retries;
        requireAtLeast("retries", retries, 0);
        if (retries > 10) {
            throw new IllegalArgumentException("retries: expected an integer from 0 to 10, found " + retries);
        }
        onInterrupt = onInterrupt == null ? "requeue" : onInterrupt;
        if (!onInterrupt.equals("requeue") && !onInterrupt.equals("fail")) {
            throw new IllegalArgumentException("onInterrupt: expected 'requeue' or 'fail', found '" + onInterrupt + "'");
        }
        if (executor != null && !executor.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("executor: expected an executor name such as 'threads' or 'worker', "
                    + "found '" + executor + "'");
        }
        if (schedule != null) {
            try {
                org.surrogate.framework.engine.CronSchedule.parse(schedule);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("schedule: " + e.getMessage(), e);
            }
        }
    }

    private static void requireAtLeast(String field, Integer value, int min) {
        if (value != null && value < min) {
            throw new IllegalArgumentException(field + ": expected an integer >= " + min + ", found " + value);
        }
    }
}
