package org.surrogate.bundles.recsimu;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.ArrayCacheMemoryMgr;

/**
 * Keeps SameDiff from hoarding native memory. In 1.0.0-M2.1 every inference session (one per graph,
 * its gradient function and thread) caches released arrays for reuse up to a quarter of JavaCPP's
 * {@code maxBytes} (the heap size by default): with a generator and a discriminator graph per model,
 * their gradient functions and several models per trial, a server run with {@code -Xmx6g} reached
 * 17 GB of resident memory and was killed by the kernel (measured). Turning the cache off instead
 * (the no-op manager) leaves every intermediate array to the garbage collector, which does not see
 * native memory: the process passed 7 GB within minutes (measured). So each session gets a small
 * cache, {@value #CACHE_FRACTION} of {@code maxBytes}: arrays are reused up to that size and closed
 * at once beyond it; {@link #close} frees the caches when a model is dropped. That was not enough:
 * the arrays a step hands back (outputs, gradients, inputs) are freed only when the garbage collector
 * finds their Java objects, which are small, so a large heap collects them rarely while their native
 * buffers pile up (7 GB with {@code -Xmx3g}, measured). {@link #collect} asks for a collection every
 * {@value #GC_EVERY} training steps (a young collection costs milliseconds; a step of batch 500 takes
 * a tenth of a second or more).
 */
final class GraphMemory {

    /** The share of JavaCPP's maxBytes each session may cache. */
    static final double CACHE_FRACTION = 0.02;

    /** Training steps between requested garbage collections. */
    static final int GC_EVERY = 20;

    private GraphMemory() {
    }

    /**
     * Requests a garbage collection every {@value #GC_EVERY} steps, so native buffers of dropped arrays
     * are freed.
     *
     * @param step the training step, from 1
     */
    static void collect(long step) {
        if (step % GC_EVERY == 0) {
            System.gc();
        }
    }

    /**
     * Gives every session of a graph and of its gradient function a small array cache (once).
     *
     * @param sd the graph
     */
    static void noCache(SameDiff sd) {
        visit(sd, false);
    }

    /**
     * Frees the array caches of every session of a graph and its gradient function.
     *
     * @param sd the graph
     */
    static void close(SameDiff sd) {
        visit(sd, true);
    }

    private static void visit(SameDiff sd, boolean close) {
        SameDiff grad = sd.getFunction("grad");
        for (SameDiff g : grad == null ? new SameDiff[] {sd} : new SameDiff[] {sd, grad}) {
            for (InferenceSession s : g.getSessions().values()) {
                if (close) {
                    s.getMmgr().close();
                } else if (!(s.getMmgr() instanceof Small)) {
                    s.getMmgr().close();
                    s.setMmgr(new Small());
                }
            }
        }
    }

    /** An array cache limited to {@link #CACHE_FRACTION} of maxBytes. */
    private static final class Small extends ArrayCacheMemoryMgr {
        Small() {
            super(CACHE_FRACTION, 1024, 2.0);
        }
    }
}
