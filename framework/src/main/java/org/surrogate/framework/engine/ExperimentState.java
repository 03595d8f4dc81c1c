package org.surrogate.framework.engine;

/** Where a submitted experiment is in its life. */
public enum ExperimentState {
    /** Its queued trials are dispatched. */
    ACTIVE,
    /** Its queued trials wait; running ones finish. */
    PAUSED,
    /** Cancelled: queued trials dropped, running ones stopped. */
    CANCELLED,
    /** Every trial has ended. */
    FINISHED
}
