package org.surrogate.bundles.sequential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GruPassTest {

    private static final int T = 4;
    private static final int B = 3;
    private static final int E = 5;
    private static final int H = 6;

    private static INDArray uniform(Random rng, long... shape) {
        long count = 1;
        for (long s : shape) {
            count *= s;
        }
        float[] v = new float[(int) count];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) (rng.nextDouble() - 0.5);
        }
        return Nd4j.create(v, shape, 'c');
    }

    @Test
    void givesTheStatesOfSameDiffsGruOp() {
        Random rng = new Random(3);
        INDArray x = uniform(rng, T * B, E);
        INDArray wx = uniform(rng, E, 3 * H);
        INDArray wh = uniform(rng, H, 3 * H);
        INDArray b = uniform(rng, 3 * H);
        SameDiff sd = SameDiff.create();
        SDVariable op = sd.rnn().gru("g", sd.constant("x", x.reshape(T, B, E)),
                sd.constant("h0", Nd4j.zeros(DataType.FLOAT, B, H)), sd.constant("wx", wx), sd.constant("wh", wh),
                sd.constant("b", b));
        float[] want = op.eval().reshape(T * B, H).dup('c').data().asFloat();
        float[] got = GruPass.forward(x, T, wx, wh, b).states().data().asFloat();
        assertArrayEquals(want, got, 1e-5f, "same equations and parameter layout as rnn().gru");
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        Random rng = new Random(5);
        INDArray x = uniform(rng, T * B, E);
        INDArray wx = uniform(rng, E, 3 * H);
        INDArray wh = uniform(rng, H, 3 * H);
        INDArray b = uniform(rng, 3 * H);
        INDArray c = uniform(rng, T * B, H); // loss = sum(states * c)
        GruPass.Gradients g = GruPass.forward(x, T, wx, wh, b).backward(c);
        INDArray[] params = {x, wx, wh, b};
        INDArray[] grads = {g.x(), g.wx(), g.wh(), g.b()};
        String[] names = {"x", "wx", "wh", "b"};
        for (int p = 0; p < params.length; p++) {
            INDArray a = params[p];
            float[] analytic = grads[p].dup('c').data().asFloat();
            assertEquals(a.length(), analytic.length, names[p]);
            double dot = 0;
            double na = 0;
            double nf = 0;
            for (int k = 0; k < a.length(); k++) {
                float keep = a.getFloat(k);
                a.putScalar(k, keep + 1e-2f);
                double up = loss(x, wx, wh, b, c);
                a.putScalar(k, keep - 1e-2f);
                double down = loss(x, wx, wh, b, c);
                a.putScalar(k, keep);
                double fd = (up - down) / 2e-2;
                assertEquals(fd, analytic[k], 2e-3 + 1e-2 * Math.abs(fd), names[p] + "[" + k + "]");
                dot += fd * analytic[k];
                na += analytic[k] * analytic[k];
                nf += fd * fd;
            }
            double cosine = dot / Math.sqrt(na * nf);
            assertTrue(cosine > 0.9999, names[p] + ": cosine " + cosine);
        }
    }

    private static double loss(INDArray x, INDArray wx, INDArray wh, INDArray b, INDArray c) {
        float[] s = GruPass.forward(x, T, wx, wh, b).states().data().asFloat();
        float[] w = c.data().asFloat();
        double sum = 0;
        for (int k = 0; k < s.length; k++) {
            sum += (double) s[k] * w[k];
        }
        return sum;
    }
}
