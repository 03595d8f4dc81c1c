package org.surrogate.bundles.neighborhood;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Inverts a symmetric positive definite float matrix with ND4J: LAPACK Cholesky ({@code potrf}),
 * then the inverse of the triangular factor by recursive blocks whose work is ND4J matrix products,
 * then {@code P = L^-T L^-1}.
 *
 * <p>Why not {@code InvertMatrix.invert}: in ND4J 1.0.0-M2.1 it runs libnd4j's own matrixInverse
 * op, which took minutes for 1682 x 1682 here; and the CPU backend's {@code Level3.trsm} left its
 * right-hand side unchanged in a probe, so the triangular inverse is done here.
 */
final class SpdInverse {

    /** Below this size a triangular block is inverted by substitution in Java. */
    private static final int LEAF = 128;

    private SpdInverse() {
    }

    /**
     * The inverse of a symmetric positive definite matrix.
     *
     * @param g the matrix, n x n; not changed
     * @return a new 'c'-ordered n x n inverse
     */
    static INDArray invert(INDArray g) {
        int n = (int) g.rows();
        INDArray a = g.dup('f');
        Nd4j.getBlasWrapper().lapack().potrf(a, true);
        // potrf leaves the upper triangle as it was: keep only L.
        float[] l = a.dup('c').data().asFloat();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                l[i * n + j] = 0f;
            }
        }
        INDArray li = lowerInverse(Nd4j.create(l, new long[] {n, n}, 'c'));
        return li.transpose().mmul(li, 'c');
    }

    /** The inverse of a lower-triangular matrix: [[A, 0], [C, D]]^-1 = [[A^-1, 0], [-D^-1 C A^-1, D^-1]]. */
    static INDArray lowerInverse(INDArray l) {
        int n = (int) l.rows();
        if (n <= LEAF) {
            return leafInverse(l, n);
        }
        int h = n / 2;
        INDArray ai = lowerInverse(l.get(NDArrayIndex.interval(0, h), NDArrayIndex.interval(0, h)).dup('c'));
        INDArray di = lowerInverse(l.get(NDArrayIndex.interval(h, n), NDArrayIndex.interval(h, n)).dup('c'));
        INDArray c = l.get(NDArrayIndex.interval(h, n), NDArrayIndex.interval(0, h));
        INDArray x = di.mmul(c).mmul(ai).negi();
        INDArray out = Nd4j.zeros(l.dataType(), n, n);
        out.put(new org.nd4j.linalg.indexing.INDArrayIndex[] {NDArrayIndex.interval(0, h),
            NDArrayIndex.interval(0, h)}, ai);
        out.put(new org.nd4j.linalg.indexing.INDArrayIndex[] {NDArrayIndex.interval(h, n),
            NDArrayIndex.interval(0, h)}, x);
        out.put(new org.nd4j.linalg.indexing.INDArrayIndex[] {NDArrayIndex.interval(h, n),
            NDArrayIndex.interval(h, n)}, di);
        return out;
    }

    /** Forward substitution, in double, for a small block. */
    private static INDArray leafInverse(INDArray l, int n) {
        double[] m = l.dup('c').data().asDouble();
        double[] y = new double[n * n];
        for (int j = 0; j < n; j++) {
            y[j * n + j] = 1 / m[j * n + j];
            for (int i = j + 1; i < n; i++) {
                double s = 0;
                for (int k = j; k < i; k++) {
                    s += m[i * n + k] * y[k * n + j];
                }
                y[i * n + j] = -s / m[i * n + i];
            }
        }
        return Nd4j.create(y, new long[] {n, n}, 'c').castTo(l.dataType());
    }
}
