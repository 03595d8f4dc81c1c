package org.surrogate.bundles.knownpreference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.surrogate.testkit.RecordingRunContext;

class ChoiceModelTest {

    private static final World WORLD = World.draw(new WorldSettings("test", 50, 40, 8, 3, 1, 1, 0.3), null,
            new RecordingRunContext(5));

    private static ChoiceModel model(double temperature, double positionBias, double outside) {
        return new ChoiceModel(WORLD, new ChoiceSettings("test", temperature, positionBias, outside));
    }

    @Test
    void followsTheLogitFormulaWithPositionBiasAndOutsideOption() {
        int[] slate = {7, 3, 21, 39};
        float[] prefs = new float[4];
        double[] probs = new double[4];
        double outside = model(0.5, 0.8, 1.5).probabilities(11, slate, 4, prefs, probs);
        double[] e = new double[4];
        double total = Math.exp(1.5);
        for (int j = 0; j < 4; j++) {
            assertEquals(WORLD.preference(11, slate[j]), prefs[j]);
            e[j] = Math.exp(prefs[j] / 0.5 - 0.8 * Math.log(1 + j) / Math.log(2));
            total += e[j];
        }
        for (int j = 0; j < 4; j++) {
            assertEquals(e[j] / total, probs[j], 1e-12, "position " + j);
        }
        assertEquals(Math.exp(1.5) / total, outside, 1e-12);
    }

    @Test
    void slateProbabilitiesAndTheOutsideOptionSumToOne() {
        SplitMixRandom rng = new SplitMixRandom(3);
        int[] slate = new int[10];
        float[] prefs = new float[10];
        double[] probs = new double[10];
        for (int trial = 0; trial < 200; trial++) {
            for (int j = 0; j < 10; j++) {
                slate[j] = rng.nextInt(WORLD.numItems());
            }
            double outside = model(1, 0.5, 2).probabilities(rng.nextInt(50), slate, 10, prefs, probs);
            double sum = 0;
            for (double p : probs) {
                sum += p;
            }
            assertTrue(sum <= 1 && outside > 0, "sum " + sum + ", outside " + outside);
            assertEquals(1, sum + outside, 1e-12);
        }
    }

    @Test
    void withoutOutsideOptionSomeItemIsAlwaysChosen() {
        int[] slate = {1, 2, 3};
        double[] probs = new double[3];
        double outside = model(1, 0.5, Double.NEGATIVE_INFINITY).probabilities(0, slate, 3, new float[3], probs);
        assertEquals(0, outside);
        assertEquals(1, probs[0] + probs[1] + probs[2], 1e-12);
        assertEquals(1, model(1, 0, 0).probabilities(0, slate, 0, new float[0], new double[0]));
    }

    @Test
    void aSmallTemperatureNeitherOverflowsNorHesitates() {
        int[] slate = {1, 2, 3, 4, 5};
        float[] prefs = new float[5];
        double[] probs = new double[5];
        model(1e-6, 0.5, 0).probabilities(2, slate, 5, prefs, probs);
        int best = 0;
        for (int j = 1; j < 5; j++) {
            best = prefs[j] > prefs[best] ? j : best;
        }
        assertEquals(1, probs[best], 1e-9);
    }

    @Test
    void anItemIsLessLikelyChosenLowerOnTheSlate() {
        ChoiceModel m = model(1, 0.5, 1);
        double[] probs = new double[10];
        int[] slate = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        double previous = 1;
        for (int position = 0; position < 10; position++) {
            int[] s = slate.clone();
            s[position] = 30;
            s[0] = position == 0 ? 30 : 0;
            m.probabilities(4, s, 10, new float[10], probs);
            assertTrue(probs[position] < previous, "position " + position + ": " + probs[position]);
            previous = probs[position];
        }
    }

    @Test
    void anExcludedItemKeepsItsPlaceButIsNeverChosen() {
        // Excluding position 1: the others follow the logit over positions 0, 2, 3 and the outside
        // option, position 2 and 3 keeping their position discount.
        int[] slate = {7, 3, 21, 39};
        float[] prefs = new float[4];
        double[] probs = new double[4];
        double outside = model(0.5, 0.8, 1.5).probabilities(11, slate, 4, new boolean[] {false, true, false, false},
                prefs, probs);
        double total = Math.exp(1.5);
        double[] e = new double[4];
        for (int j : new int[] {0, 2, 3}) {
            e[j] = Math.exp(WORLD.preference(11, slate[j]) / 0.5 - 0.8 * Math.log(1 + j) / Math.log(2));
            total += e[j];
        }
        assertEquals(WORLD.preference(11, 3), prefs[1]);
        assertEquals(0, probs[1]);
        for (int j : new int[] {0, 2, 3}) {
            assertEquals(e[j] / total, probs[j], 1e-12, "position " + j);
        }
        assertEquals(Math.exp(1.5) / total, outside, 1e-12);
        // Nothing choosable and no outside option: nothing is chosen.
        double[] none = {0.3, 0.3, 0.3};
        assertEquals(1, model(1, 0.5, Double.NEGATIVE_INFINITY).probabilities(0, new int[] {1, 2, 3}, 3,
                new boolean[] {true, true, true}, new float[3], none));
        assertEquals(0, none[0] + none[1] + none[2]);
    }

    @Test
    void drawPicksPositionsByCumulativeProbability() {
        double[] probs = {0.2, 0.5, 0.1};
        assertEquals(0, ChoiceModel.draw(probs, 3, 0.0));
        assertEquals(0, ChoiceModel.draw(probs, 3, 0.19));
        assertEquals(1, ChoiceModel.draw(probs, 3, 0.2));
        assertEquals(2, ChoiceModel.draw(probs, 3, 0.75));
        assertEquals(-1, ChoiceModel.draw(probs, 3, 0.8));
        assertEquals(-1, ChoiceModel.draw(probs, 0, 0.1));
    }
}
