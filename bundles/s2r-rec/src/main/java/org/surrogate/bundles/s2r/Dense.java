package org.surrogate.bundles.s2r;

import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Parameter arrays: seeded initialisation and row-major float snapshots for the Java forward passes. */
final class Dense {

    private Dense() {
    }

    /** A rows x cols matrix, uniform in +-sqrt(6 / (rows + cols)) (Glorot), from a seeded generator. */
    static INDArray glorot(int rows, int cols, Random rng) {
        double a = Math.sqrt(6.0 / (rows + cols));
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * a);
        }
        return Nd4j.create(v, new long[] {rows, cols}, 'c');
    }

    /** A vector of cols entries filled with a value (a bias, broadcast over rows). */
    static INDArray constant(int cols, float value) {
        return Nd4j.valueArrayOf(new long[] {cols}, value, DataType.FLOAT);
    }

    /** Row-major copy of a parameter. */
    static float[] snapshot(Map<String, INDArray> params, String name) {
        return params.get(name).dup('c').data().asFloat();
    }

    /** out[c] = bias[c] + sum_r x[r] * w[r * cols + c] (x of length rows), added into out. */
    static void affine(float[] x, int xOff, int rows, float[] w, int cols, float[] out) {
        for (int r = 0; r < rows; r++) {
            float xv = x[xOff + r];
            if (xv == 0) {
                continue;
            }
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                out[c] += xv * w[base + c];
            }
        }
    }

    static float sigmoid(float z) {
        return (float) (1 / (1 + Math.exp(-z)));
    }

    /** Batch x cols array from rows of floats. */
    static INDArray matrix(float[][] rows, int cols) {
        float[] flat = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * cols, cols);
        }
        return Nd4j.create(flat, new long[] {rows.length, cols}, 'c');
    }
}
