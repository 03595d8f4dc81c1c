package org.surrogate.benchmarks.peers;

/**
 * A trained model that measured its own training time, for libraries whose training cannot be
 * separated from data preparation by the caller (the time excludes the preparation).
 */
record Timed(long trainNanos, Peer.Trained inner) implements Peer.Trained {

    @Override
    public ScoreMatrix scores() throws Exception {
        return inner.scores();
    }
}
