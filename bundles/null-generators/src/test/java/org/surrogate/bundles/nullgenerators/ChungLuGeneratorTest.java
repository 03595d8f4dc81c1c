package org.surrogate.bundles.nullgenerators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.generator.GeneratorModel;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.testkit.RecordingRunContext;

class ChungLuGeneratorTest {

    private final ChungLuGenerator generator = new ChungLuGenerator();

    private GeneratorModel fit(Dataset reference, Map<String, ?> values) {
        return generator.fit(reference, Fixtures.params(generator, values), new RecordingRunContext(1));
    }

    @Test
    void descriptorDeclaresIdAndKind() {
        assertEquals("chung-lu", generator.descriptor().id());
        assertEquals(PluginKind.GENERATOR, generator.descriptor().kind());
    }

    @Test
    void preservesUserAndItemDegreesInExpectation() {
        // Spread 60 gives degrees 3..63 and a Zipf head, so some pairs hit the cap at 1; the expectations
        // below include the cap exactly.
        Dataset ref = Fixtures.clustered(1_500, 300, 60, 1);
        GeneratorModel model = fit(ref, Map.of());
        int users = ref.numUsers();
        int items = ref.numItems();
        int[] userDeg = new int[users];
        int[] itemDeg = ref.itemCounts();
        for (int u = 0; u < users; u++) {
            userDeg[u] = ref.degree(u);
        }
        double edges = ref.size();
        double[] expUser = new double[users];
        double[] expItem = new double[items];
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                double p = Math.min(1, userDeg[u] * (double) itemDeg[i] / edges);
                expUser[u] += p;
                expItem[i] += p;
            }
        }
        int samples = 40;
        double[] meanUser = new double[users];
        double[] meanItem = new double[items];
        for (int s = 0; s < samples; s++) {
            Dataset syn = Fixtures.noDuplicates(model.sample(new RecordingRunContext(100 + s)));
            assertEquals(users, syn.numUsers());
            assertEquals(items, syn.numItems());
            for (int u = 0; u < users; u++) {
                meanUser[u] += syn.degree(u) / (double) samples;
            }
            int[] counts = syn.itemCounts();
            for (int i = 0; i < items; i++) {
                meanItem[i] += counts[i] / (double) samples;
            }
        }
        for (int u = 0; u < users; u++) {
            assertEquals(expUser[u], meanUser[u], 5 * Math.sqrt(expUser[u] / samples) + 1e-9, "user " + u);
        }
        double relErr = 0;
        for (int i = 0; i < items; i++) {
            assertEquals(expItem[i], meanItem[i], 5 * Math.sqrt(expItem[i] / samples) + 1e-9, "item " + i);
            relErr += Math.abs(meanItem[i] - itemDeg[i]) / Math.max(1, itemDeg[i]);
        }
        // Against the reference itself (the cap costs little here): mean relative error of item degrees.
        assertTrue(relErr / items < 0.1, "mean relative error of item degrees " + relErr / items);
        double totalExpected = 0;
        for (double e : expUser) {
            totalExpected += e;
        }
        assertTrue(totalExpected > 0.97 * edges, "the cap loses " + (edges - totalExpected));
    }

    @Test
    void keepsDegreesExactlyInExpectationWithoutTheCap() {
        // Every user has 10 items and items are hit evenly: d k / E stays far below 1.
        var b = Dataset.builder("regular", 400, 200);
        for (int u = 0; u < 400; u++) {
            for (int k = 0; k < 10; k++) {
                b.add(u, (u * 10 + k) % 200, 1f);
            }
        }
        Dataset ref = b.build();
        GeneratorModel model = fit(ref, Map.of());
        double total = 0;
        int samples = 50;
        for (int s = 0; s < samples; s++) {
            total += model.sample(new RecordingRunContext(s)).size();
        }
        assertEquals(4_000, total / samples, 5 * Math.sqrt(4_000.0 / samples));
    }

    @Test
    void empiricalValuesComeFromTheReference() {
        Dataset ref = Fixtures.clustered(300, 100, 10, 2);
        Dataset syn = fit(ref, Map.of("values", "empirical")).sample(new RecordingRunContext(3));
        boolean notOne = false;
        for (int k = 0; k < syn.size(); k++) {
            float v = syn.value(k);
            assertTrue(v >= 1 && v <= 5 && v == Math.rint(v));
            notOne |= v != 1f;
        }
        assertTrue(notOne);
        assertFalse(syn.hasTimestamps());
    }

    @Test
    void isDeterministicGivenTheSeed() {
        Dataset ref = Fixtures.clustered(300, 100, 10, 2);
        GeneratorModel model = fit(ref, Map.of());
        String a = model.sample(new RecordingRunContext(5)).checksum();
        assertEquals(a, model.sample(new RecordingRunContext(5)).checksum());
        assertNotEquals(a, model.sample(new RecordingRunContext(6)).checksum());
    }

    @Test
    void needsAReference() {
        Params p = Fixtures.params(generator, Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> generator.fit(null, p, new RecordingRunContext(1)));
        assertEquals("generator 'chung-lu' is fitted to a real dataset, but no reference was given", e.getMessage());
    }

    @Test
    void logsTheCappedShortfall() {
        // User 0 has all 50 items, users 1..50 item 0 only: d(0) k(0) / E = 50 * 51 / 100 > 1.
        var b = Dataset.builder("star", 51, 50);
        for (int i = 0; i < 50; i++) {
            b.add(0, i, 1f);
        }
        for (int u = 1; u <= 50; u++) {
            b.add(u, 0, 1f);
        }
        Dataset ref = b.build();
        RecordingRunContext ctx = new RecordingRunContext(1);
        generator.fit(ref, Fixtures.params(generator, Map.of()), ctx);
        assertEquals(java.util.List.of("INFO generator 'chung-lu': 1 users have pairs with d(u) k(i) > E; capping those "
                + "probabilities at 1 loses 24.5 of 100 expected interactions"), ctx.logs);
    }
}
