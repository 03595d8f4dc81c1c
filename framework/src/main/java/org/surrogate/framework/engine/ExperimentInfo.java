package org.surrogate.framework.engine;

import java.time.Instant;
import java.util.List;

/**
 * A submitted experiment as the engine keeps it: who submitted what, when, and how it is scheduled.
 *
 * @param id             the experiment id
 * @param name           the spec's name
 * @param user           who submitted it; fair sharing is between users
 * @param description    the spec's description, or null
 * @param tags           the spec's tags
 * @param priority       the priority of its trials among the same user's trials, higher first
 * @param schedule       the cron expression at which it is submitted again, or null
 * @param timeoutMinutes the per-trial timeout, or null for none
 * @param retries        how often a failed trial is run again
 * @param requeueInterrupted whether a trial interrupted by a server crash is queued again
 * @param threads        the threads a trial needs
 * @param memoryMb       the memory a trial needs, MiB
 * @param parent         the experiment this one was submitted from (a cron firing or a rerun), or null
 * @param submitted      when it was submitted
 * @param specText       the spec exactly as submitted (YAML or JSON)
 * @param trialCount     how many trials it expanded to
 * @param executor       the executor its trials run in, or null for the default
 */
public record ExperimentInfo(String id, String name, String user, String description, List<String> tags,
                             int priority, String schedule, Integer timeoutMinutes, int retries,
                             boolean requeueInterrupted, int threads, int memoryMb, String parent,
                             Instant submitted, String specText, int trialCount, String executor) {

    /** Copies the tags. */
    public ExperimentInfo {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
