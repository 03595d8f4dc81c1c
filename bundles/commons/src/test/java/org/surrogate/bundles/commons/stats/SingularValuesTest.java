package org.surrogate.bundles.commons.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.bundles.commons.stats.SingularValues.Entries;
import org.surrogate.testkit.LatentData;

class SingularValuesTest {

    /** A dataset holding every non-zero entry of a dense matrix as an interaction with that value. */
    private static Dataset of(double[][] m) {
        DatasetBuilder b = Dataset.builder("dense", m.length, m[0].length);
        for (int u = 0; u < m.length; u++) {
            for (int i = 0; i < m[0].length; i++) {
                if (m[u][i] != 0) {
                    b.add(u, i, (float) m[u][i]);
                }
            }
        }
        return b.build();
    }

    /** A random matrix with entries exact in float: with probability density, an integer 1..5. */
    private static double[][] random(int rows, int cols, double density, long seed) {
        Random rng = new Random(seed);
        double[][] m = new double[rows][cols];
        for (int u = 0; u < rows; u++) {
            for (int i = 0; i < cols; i++) {
                if (rng.nextDouble() < density) {
                    m[u][i] = 1 + rng.nextInt(5);
                }
            }
        }
        return m;
    }

    private static double[] exact(double[][] m) {
        return new SingularValueDecomposition(new Array2DRowRealMatrix(m)).getSingularValues();
    }

    private static void assertClose(double[] expected, double[] actual, double relative) {
        for (int i = 0; i < actual.length; i++) {
            assertEquals(expected[i], actual[i], relative * expected[i], "singular value " + i);
        }
    }

    @Test
    void matchesDenseSvdOfAValuedMatrix() {
        double[][] m = random(80, 60, 0.3, 1);
        double[] sv = SingularValues.top(of(m), 10, Entries.VALUES, new Random(2));
        assertEquals(10, sv.length);
        assertClose(exact(m), sv, 1e-6);
    }

    @Test
    void matchesDenseSvdOfABinarySparseMatrix() {
        double[][] m = random(300, 200, 0.05, 3);
        double[][] ones = new double[m.length][m[0].length];
        for (int u = 0; u < m.length; u++) {
            for (int i = 0; i < m[0].length; i++) {
                ones[u][i] = m[u][i] == 0 ? 0 : 1;
            }
        }
        Dataset data = of(m);
        double[] sv = SingularValues.top(data, 10, Entries.BINARY, new Random(4));
        assertClose(exact(ones), sv, 1e-6);
        double frobenius = Math.sqrt(data.size()); // binary entries: ||X||_F^2 = number of interactions
        assertEquals(frobenius, SingularValues.frobeniusNorm(data, Entries.BINARY), 1e-9);
    }

    @Test
    void matchesDenseSvdOnSkewedInteractionData() {
        // Popularity skew and latent structure, as real interaction data: a dominant first value, a slow tail.
        Dataset data = new LatentData(400, 300, 25, 0, 1.0, 2.0, 10).train;
        double[][] dense = new double[data.numUsers()][data.numItems()];
        for (int u = 0; u < data.numUsers(); u++) {
            for (int idx = data.begin(u); idx < data.end(u); idx++) {
                dense[u][data.item(idx)] = 1;
            }
        }
        assertClose(exact(dense), SingularValues.top(data, 10, Entries.BINARY, new Random(11)), 1e-6);
        assertClose(exact(dense), SingularValues.top(data, 30, Entries.BINARY, new Random(12)), 1e-6);
    }

    @Test
    void frobeniusNormIsTheRootOfAllSquaredSingularValues() {
        double[][] m = random(30, 20, 0.4, 5);
        double sum = 0;
        for (double s : exact(m)) {
            sum += s * s;
        }
        assertEquals(Math.sqrt(sum), SingularValues.frobeniusNorm(of(m), Entries.VALUES), 1e-9);
    }

    @Test
    void rankDeficientMatricesGiveZerosBeyondTheRank() {
        // Rank 2: rows are combinations of two item profiles.
        double[][] m = new double[40][30];
        Random rng = new Random(6);
        for (int u = 0; u < 40; u++) {
            int a = 1 + rng.nextInt(3);
            int b = rng.nextInt(3);
            for (int i = 0; i < 30; i++) {
                m[u][i] = a * (i % 2 == 0 ? 1 : 0) + b * (i % 3 == 0 ? 1 : 0);
            }
        }
        double[] sv = SingularValues.top(of(m), 5, Entries.VALUES, new Random(7));
        double[] expected = exact(m);
        assertClose(expected, new double[] {sv[0], sv[1]}, 1e-9);
        for (int i = 2; i < 5; i++) {
            assertEquals(0, sv[i], 1e-9 * sv[0], "singular value " + i);
        }
    }

    @Test
    void returnsAtMostTheSmallerDimension() {
        double[][] m = {{1, 2}, {3, 4}, {0, 5}};
        double[] sv = SingularValues.top(of(m), 10, Entries.VALUES, new Random(1));
        assertEquals(2, sv.length);
        assertClose(exact(m), sv, 1e-12);
    }

    @Test
    void duplicatePairsAddUp() {
        // User 0 has item 0 twice: the binary entry is 2, the matrix [[2]] has singular value 2.
        Dataset d = Dataset.builder("dup", 1, 1).add(0, 0, 1f).add(0, 0, 3f).build();
        assertArrayEquals(new double[] {2}, SingularValues.top(d, 3, Entries.BINARY, new Random(1)), 1e-12);
        assertArrayEquals(new double[] {4}, SingularValues.top(d, 3, Entries.VALUES, new Random(1)), 1e-12);
        assertEquals(2, SingularValues.frobeniusNorm(d, Entries.BINARY), 1e-12);
    }

    @Test
    void sameSeedSameValues() {
        Dataset d = of(random(100, 70, 0.1, 8));
        assertArrayEquals(SingularValues.top(d, 5, Entries.BINARY, new Random(3)),
                SingularValues.top(d, 5, Entries.BINARY, new Random(3)));
    }

    @Test
    void checkpointRunsEveryStep() {
        int[] calls = {0};
        SingularValues.top(of(random(50, 40, 0.2, 9)), 3, Entries.BINARY, new Random(1), () -> calls[0]++);
        assertTrue(calls[0] >= 2, "calls: " + calls[0]);
    }

    @Test
    void normalizedRelativeErrorMatchesAHandComputedValue() {
        // Reference [4, 2] / 5 = [0.8, 0.4]; other [2, 1.5] / 2.5 = [0.8, 0.6].
        // Mean of |0.8 - 0.8| / 0.8 = 0 and |0.6 - 0.4| / 0.4 = 0.5: 0.25.
        assertEquals(0.25, SingularValues.normalizedRelativeError(new double[] {4, 2}, 5, new double[] {2, 1.5}, 2.5),
                1e-12);
        assertEquals(0, SingularValues.normalizedRelativeError(new double[] {3, 1}, 2, new double[] {6, 2}, 4), 1e-12);
    }

    @Test
    void rejectsBadArguments() {
        Dataset d = of(new double[][] {{1}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SingularValues.top(d, 0, Entries.BINARY, new Random(1)));
        assertEquals("singularValues: k must be at least 1, found 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SingularValues.normalizedRelativeError(new double[] {1}, 0, new double[] {1}, 1));
        assertEquals("normalizedRelativeError: norms must be positive and finite, found 0.0 and 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Entries.fromLabel("ratings"));
        assertEquals("matrix entries must be 'binary' or 'values', found 'ratings'", e.getMessage());
    }
}
