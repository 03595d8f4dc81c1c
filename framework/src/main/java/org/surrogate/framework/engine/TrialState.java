package org.surrogate.framework.engine;

/** Where a scheduled trial is in its life. */
public enum TrialState {
    /** Waiting for a free slot. */
    QUEUED,
    /** Held back by a pause of the trial or of its experiment. */
    PAUSED,
    /** Running in an executor. */
    RUNNING,
    /** Ended with results. */
    SUCCEEDED,
    /** Ended with an error (or a timeout) after its last retry. */
    FAILED,
    /** Cancelled by a user or because a plugin it used was removed. */
    CANCELLED,
    /** Was running when the server stopped without finishing it, and is not re-queued. */
    INTERRUPTED;

    /**
     * Whether the trial will not run again.
     *
     * @return true for the end states
     */
    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == INTERRUPTED;
    }
}
