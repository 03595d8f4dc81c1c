package org.surrogate.framework.engine;

/**
 * Limits of the scheduler.
 *
 * @param maxConcurrent    the most trials running at once
 * @param threadCapacity   the threads trials may use together (each trial declares its need,
 *                         default 1)
 * @param memoryCapacityMb the memory trials may use together, MiB (each trial declares its need,
 *                         default {@link #DEFAULT_TRIAL_MEMORY_MB})
 */
public record EngineConfig(int maxConcurrent, int threadCapacity, long memoryCapacityMb) {

    /** The memory a trial is assumed to need when its spec does not say. */
    public static final int DEFAULT_TRIAL_MEMORY_MB = 512;

    /**
     * Checks the limits are positive.
     *
     * @throws IllegalArgumentException naming the bad limit
     */
    public EngineConfig {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be >= 1, found " + maxConcurrent);
        }
        if (threadCapacity < 1) {
            throw new IllegalArgumentException("threadCapacity must be >= 1, found " + threadCapacity);
        }
        if (memoryCapacityMb < 1) {
            throw new IllegalArgumentException("memoryCapacityMb must be >= 1, found " + memoryCapacityMb);
        }
    }

    /**
     * Limits from this machine: as many concurrent trials and threads as cores, and three quarters
     * of the maximum heap.
     *
     * @return the limits
     */
    public static EngineConfig forThisMachine() {
        int cores = Runtime.getRuntime().availableProcessors();
        long heapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return new EngineConfig(cores, cores, Math.max(1, heapMb * 3 / 4));
    }
}
