package org.surrogate.bundles.autoencoders;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * For the benchmark: the wall time SameDiff spends in each op type (forward and backward ops
 * alike), measured between {@code preOpExecution} and {@code opExecution}; the rest of a step is
 * graph bookkeeping.
 */
final class OpTimingListener extends BaseListener {

    private final Map<String, long[]> byOp = new LinkedHashMap<>();
    private long start;

    @Override
    public boolean isActive(Operation operation) {
        return true;
    }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
        start = System.nanoTime();
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext,
                            INDArray[] outputs) {
        long[] t = byOp.computeIfAbsent(op.getOp().opName(), k -> new long[2]);
        t[0] += System.nanoTime() - start;
        t[1]++;
    }

    /** The op types by total time, largest first, as lines. */
    String report(long stepNanos) {
        StringBuilder b = new StringBuilder();
        long total = byOp.values().stream().mapToLong(t -> t[0]).sum();
        b.append(String.format(Locale.ROOT, "  ops total %.3f s of %.3f s forward+backward (%.0f %%)%n", total / 1e9,
                stepNanos / 1e9, 100.0 * total / stepNanos));
        byOp.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0])).limit(12)
                .forEach(e -> b.append(String.format(Locale.ROOT, "  %-24s %8.3f s %6d calls%n", e.getKey(),
                        e.getValue()[0] / 1e9, e.getValue()[1])));
        return b.toString();
    }
}
