package org.surrogate.framework.trials;

/** How a trial ended, or that it still runs. */
public enum TrialStatus {
    /** Still running. */
    RUNNING,
    /** Finished and recorded its results. */
    SUCCEEDED,
    /** Threw; the message says why. */
    FAILED,
    /** Stopped on request (a user, a timeout, or the uninstall of a plugin it used). */
    CANCELLED
}
