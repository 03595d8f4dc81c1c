package org.surrogate.api.run;

/**
 * Thrown by {@link RunContext#checkCancelled()} when a trial has been asked to stop. Plugins let it
 * propagate; the server records the trial as cancelled with the reason it knows.
 */
public final class TrialCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why the trial stops
     */
    public TrialCancelledException(String message) {
        super(message);
    }
}
