package org.surrogate.bundles.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.Params;
import org.surrogate.api.privacy.PrivacyGuarantee;
import org.surrogate.testkit.RecordingRunContext;

class UserSubsamplingTest {

    private final UserSubsampling mechanism = new UserSubsampling();

    private Params params(Map<String, ?> values) {
        return Fixtures.params(mechanism, values);
    }

    @Test
    void keepsAboutAFractionQOfUsersWithTheirWholeRows() {
        Dataset data = Fixtures.constantRatings(10_000, 200, 5, 4f, 1);
        Dataset out = mechanism.apply(data, params(Map.of("sampleRate", 0.3)), new RecordingRunContext(2));
        assertEquals(data.numUsers(), out.numUsers());
        int kept = 0;
        for (int u = 0; u < data.numUsers(); u++) {
            if (out.degree(u) > 0) {
                kept++;
                assertArrayEquals(data.itemsOf(u), out.itemsOf(u));
                assertEquals(data.timestamp(data.begin(u)), out.timestamp(out.begin(u)));
            }
        }
        assertEquals(3_000, kept, 4 * Math.sqrt(10_000 * 0.3 * 0.7));
    }

    @Test
    void compactUsersRenumbersTheKeptOnes() {
        Dataset data = Fixtures.constantRatings(1_000, 50, 3, 4f, 1);
        Params p = params(Map.of("sampleRate", 0.5, "compactUsers", true));
        Dataset out = mechanism.apply(data, p, new RecordingRunContext(2));
        Dataset wide = mechanism.apply(data, params(Map.of("sampleRate", 0.5)), new RecordingRunContext(2));
        int next = 0;
        for (int u = 0; u < wide.numUsers(); u++) {
            if (wide.degree(u) > 0) {
                assertArrayEquals(wide.itemsOf(u), out.itemsOf(next++));
            }
        }
        assertEquals(next, out.numUsers());
        assertEquals(data.numItems(), out.numItems());
    }

    @Test
    void givesNoGuaranteeOnItsOwn() {
        PrivacyGuarantee g = mechanism.guarantee(params(Map.of("sampleRate", 0.1)));
        assertEquals(Double.POSITIVE_INFINITY, g.epsilon());
        assertTrue(g.description().startsWith("no differential privacy on its own"), g.description());
        assertTrue(g.description().contains("(ln(1 + q (e^epsilon - 1)), q delta)-DP"));
    }

    @Test
    void rateOneReturnsTheDataUnchanged() {
        Dataset data = Fixtures.constantRatings(10, 10, 2, 1f, 1);
        assertSame(data, mechanism.apply(data, params(Map.of("sampleRate", 1.0)), new RecordingRunContext(1)));
    }

    @Test
    void isDeterministicGivenTheSeed() {
        Dataset data = Fixtures.constantRatings(500, 30, 2, 1f, 1);
        Params p = params(Map.of());
        String a = mechanism.apply(data, p, new RecordingRunContext(1)).checksum();
        assertEquals(a, mechanism.apply(data, p, new RecordingRunContext(1)).checksum());
        assertNotEquals(a, mechanism.apply(data, p, new RecordingRunContext(2)).checksum());
    }

    @Test
    void rejectsARateOutsideZeroOne() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class,
                () -> params(Map.of("sampleRate", 1.5)));
        assertEquals("sampleRate: expected a number in (0, 1], found 1.5", e.getMessage());
    }
}
