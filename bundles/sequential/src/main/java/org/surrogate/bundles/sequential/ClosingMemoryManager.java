package org.surrogate.bundles.sequential;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A SameDiff session memory manager that frees an intermediate array as soon as the session releases
 * it, instead of caching it for reuse.
 *
 * <p>SameDiff 1.0.0-M2.1 gives every session (one per graph, per thread, and one more for the
 * gradient function) an {@code ArrayCacheMemoryMgr} that keeps released arrays for reuse up to a
 * quarter of JavaCPP's {@code maxBytes} (the heap size by default) <em>each</em>. A CASR trial holds
 * a dozen networks, each with its caches of full-catalogue logits, so the process reached 8–12 GB
 * resident with a 3 GB heap and was killed by the kernel. With this manager an intermediate is
 * freed when the session is done with it; arrays handed to the caller (outputs, gradients) are not
 * released by the session and stay the caller's. Arithmetic is unchanged.
 */
final class ClosingMemoryManager extends AbstractMemoryMgr {

    @Override
    public INDArray allocate(boolean detached, DataType dataType, long... shape) {
        return Nd4j.createUninitialized(dataType, shape);
    }

    @Override
    public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
        return Nd4j.create(descriptor, false);
    }

    @Override
    public void release(INDArray array) {
        free(array);
    }

    /**
     * Frees an array's native memory now (if it is closeable and not yet closed).
     *
     * @param array the array, or null
     */
    static void free(INDArray array) {
        if (array != null && array.closeable() && !array.wasClosed()) {
            array.close();
        }
    }

    /**
     * Frees arrays now: the per-batch inputs, targets and gradients of a network, which would otherwise
     * wait for the garbage collector while their native memory piles up.
     *
     * @param arrays the arrays (nulls skipped)
     */
    static void free(Iterable<INDArray> arrays) {
        for (INDArray a : arrays) {
            free(a);
        }
    }

    @Override
    public void close() {
        // nothing held
    }

    /**
     * Puts this manager into every session of a graph and of its gradient function that still has
     * another one (sessions are created on a thread's first execution), closing the replaced one so
     * that the arrays it cached are freed now. Cheap when nothing is to replace.
     *
     * @param sd the graph
     */
    static void install(SameDiff sd) {
        installIn(sd);
        if (sd.definedFunctionNames().contains("grad")) {
            installIn(sd.getFunction("grad"));
        }
    }

    private static void installIn(SameDiff sd) {
        for (InferenceSession s : sd.getSessions().values()) {
            if (!(s.getMmgr() instanceof ClosingMemoryManager)) {
                s.getMmgr().close();
                s.setMmgr(new ClosingMemoryManager());
            }
        }
    }
}
