package org.surrogate.bundles.sequential;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Benchmark (not a unit test): one GRU forward and backward pass over a batch, {@link GruPass}
 * against SameDiff's {@code rnn().gru} op in a graph with the same loss ({@code sum(states * c)}),
 * side by side in one process: rounds alternate between the two, and the resident memory is read
 * after each round, so a native leak shows as a climb on one side only. Sizes as CASR's ML-100K
 * runs: T = 30 steps, B = 64 sequences, E = H = 64.
 *
 * <pre>
 * mvn -o -q -f bundles/sequential/pom.xml dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt \
 *     -Dmdep.includeScope=test
 * OMP_NUM_THREADS=1 java -Xmx1g -cp "bundles/sequential/target/test-classes:bundles/sequential/target/classes:$(cat /tmp/cp.txt)" \
 *     org.surrogate.bundles.sequential.GruBenchmark 6 200
 * </pre>
 * Arguments: rounds per side, passes per round, and optionally {@code op} or {@code java} to run one
 * side only (with a small heap, e.g. {@code -Xmx300m}, JavaCPP's physical-memory limit is 1.2 GB:
 * the op's side then fails with OutOfMemoryError within a few hundred passes; GruPass's stays flat).
 */
public final class GruBenchmark {

    private static final int T = 30;
    private static final int B = 64;
    private static final int E = 64;
    private static final int H = 64;

    private GruBenchmark() {
    }

    /**
     * Runs it.
     *
     * @param args rounds per side and passes per round
     * @throws Exception if /proc cannot be read
     */
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        int passes = Integer.parseInt(args[1]);
        boolean op = args.length < 3 || args[2].equals("op");
        boolean java = args.length < 3 || args[2].equals("java");
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, T * B, E).subi(0.5);
        INDArray wx = Nd4j.rand(DataType.FLOAT, E, 3 * H).subi(0.5).muli(0.3);
        INDArray wh = Nd4j.rand(DataType.FLOAT, H, 3 * H).subi(0.5).muli(0.3);
        INDArray b = Nd4j.zeros(DataType.FLOAT, 3 * H);
        INDArray c = Nd4j.rand(DataType.FLOAT, T * B, H);
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.var("x", x.dup());
        SDVariable states = sd.rnn().gru("g", sd.reshape(in, T, B, E), sd.constant("h0",
                Nd4j.zeros(DataType.FLOAT, B, H)), sd.var("wx", wx.dup()), sd.var("wh", wh.dup()), sd.var("b", b.dup()));
        sd.sum("loss", sd.reshape(states, T * B, H).mul(sd.constant("c", c)));
        sd.setLossVariables("loss");
        List<String> wrt = List.of("x", "wx", "wh", "b");
        // warm up both
        for (int k = 0; k < 20; k++) {
            if (op) {
                sd.calculateGradients(Map.of(), wrt);
            }
            if (java) {
                GruPass.forward(x, T, wx, wh, b).backward(c);
            }
        }
        System.gc();
        System.out.printf("start: rss %d MB; %d passes per round, T=%d B=%d E=%d H=%d%n", FitMemoryBenchmark.rssMb(),
                passes, T, B, E, H);
        System.out.println("| round | rnn().gru ms/pass | GruPass ms/pass | ratio | rss after rnn().gru MB | rss after GruPass MB |");
        System.out.println("|---|---|---|---|---|---|");
        for (int r = 1; r <= rounds; r++) {
            long t0 = System.nanoTime();
            for (int k = 0; op && k < passes; k++) {
                sd.calculateGradients(Map.of(), wrt);
            }
            long t1 = System.nanoTime();
            System.gc();
            long rssOp = FitMemoryBenchmark.rssMb();
            long t2 = System.nanoTime();
            for (int k = 0; java && k < passes; k++) {
                GruPass.forward(x, T, wx, wh, b).backward(c);
            }
            long t3 = System.nanoTime();
            System.gc();
            long rssJava = FitMemoryBenchmark.rssMb();
            double opMs = (t1 - t0) / 1e6 / passes;
            double javaMs = (t3 - t2) / 1e6 / passes;
            System.out.printf("| %d | %s | %s | %s | %d | %d |%n", r, op ? String.format("%.2f", opMs) : "–",
                    java ? String.format("%.2f", javaMs) : "–", op && java ? String.format("%.2f", javaMs / opMs) : "–",
                    rssOp, rssJava);
        }
    }
}
