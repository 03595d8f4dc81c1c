package org.example.surrogate.shrunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.run.TrialCancelledException;

class ShrunkPopularityRecommenderTest {

    private final ShrunkPopularityRecommender recommender = new ShrunkPopularityRecommender();

    /** Items 0, 1, 2 and 3 seen 3, 2, 1 and 0 times by users 0, 1 and 2. */
    private static Dataset tiny() {
        return Dataset.builder("tiny", 3, 4)
                .add(0, 0, 1f).add(1, 0, 1f).add(2, 0, 1f)
                .add(0, 1, 1f).add(1, 1, 1f)
                .add(2, 2, 1f)
                .build();
    }

    private Params params(Map<String, ?> values) {
        return recommender.descriptor().params().validate(values, "params");
    }

    /** The version Maven built this project as; surefire passes it in (see the pom). */
    private static String builtVersion() {
        String version = System.getProperty("expected.plugin.version");
        assertNotNull(version, "run the tests with Maven, which sets expected.plugin.version");
        return version;
    }

    @Test
    void describesItselfAsAStableRecommender() {
        assertEquals("shrunk-popularity", recommender.descriptor().id());
        assertEquals(PluginKind.RECOMMENDER, recommender.descriptor().kind());
        Params defaults = recommender.descriptor().params().defaults();
        assertEquals(10.0, defaults.getDouble("shrinkage"));
        assertEquals(0, defaults.getInt("delayMillis"));
    }

    @Test
    void scoresEveryItemWithItsShrunkCount() {
        RecordingContext ctx = new RecordingContext();
        Model model = recommender.fit(tiny(), params(Map.of()), ctx);

        int major = ShrunkPopularityRecommender.majorOf(builtVersion());
        float factor = major >= 2 ? 2f : 1f;
        // count / (count + 10), by hand; an unseen item scores 0.
        float[] expected = {factor * 3f / 13f, factor * 2f / 12f, factor * 1f / 11f, 0f};
        float[] out = new float[2 * 4];
        model.score(new int[] {0, 2}, out);
        assertArrayEquals(expected, Arrays.copyOfRange(out, 0, 4), 1e-6f);
        assertArrayEquals(expected, Arrays.copyOfRange(out, 4, 8), 1e-6f);
        assertEquals(4, model.numItems());
    }

    @Test
    void shrinkageParameterChangesTheScores() {
        Model model = recommender.fit(tiny(), params(Map.of("shrinkage", 1.0)), new RecordingContext());
        float factor = ShrunkPopularityRecommender.majorOf(builtVersion()) >= 2 ? 2f : 1f;
        float[] out = new float[4];
        model.score(new int[] {1}, out);
        assertArrayEquals(new float[] {factor * 3f / 4f, factor * 2f / 3f, factor * 1f / 2f, 0f}, out, 1e-6f);
    }

    @Test
    void reportsTheVersionItWasBuiltAs() {
        RecordingContext ctx = new RecordingContext();
        recommender.fit(tiny(), params(Map.of()), ctx);
        String version = builtVersion();
        assertEquals(version, recommender.bundleVersion());
        assertEquals((double) ShrunkPopularityRecommender.majorOf(version), ctx.results.get("plugin-major-version"));
        assertEquals("INFO shrunk-popularity " + version + " fitting Dataset[tiny: 3 users, 4 items, "
                + "6 interactions] with shrinkage 10.0", ctx.logs.get(0));
    }

    @Test
    void delayReportsProgressInSlices() {
        RecordingContext ctx = new RecordingContext();
        recommender.fit(tiny(), params(Map.of("delayMillis", 120)), ctx);
        // Slices of 50, 50 and 20 ms, then the scoring.
        assertEquals(List.of(0.0, 50.0 / 120, 100.0 / 120, 1.0), ctx.progress);
    }

    @Test
    void cancelledTrialStopsFit() {
        RecordingContext ctx = new RecordingContext();
        ctx.cancelAfterProgressReports = 0;
        assertThrows(TrialCancelledException.class,
                () -> recommender.fit(tiny(), params(Map.of("delayMillis", 10_000)), ctx));
        assertEquals(List.of(), ctx.progress);
    }

    @Test
    void cancellationDuringDelayIsNoticedWithinOneSlice() {
        RecordingContext ctx = new RecordingContext();
        ctx.cancelAfterProgressReports = 2;
        assertThrows(TrialCancelledException.class,
                () -> recommender.fit(tiny(), params(Map.of("delayMillis", 10_000)), ctx));
        assertEquals(List.of(0.0, 50.0 / 10_000), ctx.progress);
    }

    @Test
    void rejectsNegativeParameters() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class,
                () -> params(Map.of("shrinkage", -1.0, "delayMillis", -5)));
        assertEquals("params.shrinkage: expected a number >= 0, found -1.0; "
                + "params.delayMillis: expected an integer >= 0, found -5", e.getMessage());
    }

    @Test
    void rejectsUnknownParameter() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class,
                () -> params(Map.of("shrinkge", 3.0)));
        assertEquals("params.shrinkge: unknown parameter; accepted: shrinkage, delayMillis", e.getMessage());
    }

    @Test
    void majorOfReadsTheLeadingNumber() {
        assertEquals(1, ShrunkPopularityRecommender.majorOf("1.0.0"));
        assertEquals(12, ShrunkPopularityRecommender.majorOf("12.3.0-SNAPSHOT"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ShrunkPopularityRecommender.majorOf("v2"));
        assertEquals("shrunk-popularity: version.properties: version must start with a number, found 'v2'",
                e.getMessage());
    }

    /** A run context that records what the plugin reports and cancels after a number of progress reports. */
    private static final class RecordingContext implements RunContext {
        final List<Double> progress = new CopyOnWriteArrayList<>();
        final Map<String, Double> results = new ConcurrentHashMap<>();
        final List<String> logs = new CopyOnWriteArrayList<>();
        volatile int cancelAfterProgressReports = Integer.MAX_VALUE;

        @Override
        public long seed() {
            return 42;
        }

        @Override
        public void progress(double fraction, String message) {
            progress.add(fraction);
        }

        @Override
        public boolean isCancelled() {
            return progress.size() >= cancelAfterProgressReports;
        }

        @Override
        public void metric(String name, long step, double value) {
        }

        @Override
        public void result(String name, double value) {
            results.put(name, value);
        }

        @Override
        public OutputStream createArtifact(String name) {
            return new ByteArrayOutputStream();
        }

        @Override
        public void log(System.Logger.Level level, String message) {
            logs.add(level + " " + message);
        }
    }
}
