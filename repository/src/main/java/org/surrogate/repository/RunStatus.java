package org.surrogate.repository;

/**
 * The state of a run, as recorded in its {@code run.json} and indexed (lower case) in the
 * {@code status} field.
 */
public enum RunStatus {
    /** Accepted and waiting for an executor. */
    QUEUED,
    /** Being executed. */
    RUNNING,
    /** Finished normally; its metrics are final. */
    SUCCEEDED,
    /** Finished with an error; the message says which. */
    FAILED,
    /** Stopped on request (by a user, or because a plugin it used was uninstalled). */
    CANCELLED,
    /** Was running when the server stopped or crashed; found so at the next start. */
    INTERRUPTED;

    /**
     * Whether a run in this state will never change state again.
     *
     * @return true for {@link #SUCCEEDED}, {@link #FAILED}, {@link #CANCELLED} and {@link #INTERRUPTED}
     */
    public boolean terminal() {
        return this != QUEUED && this != RUNNING;
    }
}
