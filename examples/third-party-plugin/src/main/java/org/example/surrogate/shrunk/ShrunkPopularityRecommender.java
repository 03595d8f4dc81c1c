package org.example.surrogate.shrunk;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.run.TrialCancelledException;

/**
 * Recommends popular items, with popularity shrunk towards zero so that an item seen once does not
 * look as good as it seems: {@code score(item) = count / (count + shrinkage)}, the same for every
 * user. From version 2 of this bundle every score is doubled, a deliberate, visible difference that
 * lets tests tell which version of the bundle fitted a model.
 *
 * <p>It is registered as an OSGi service under {@link Recommender} by Declarative Services; bnd
 * turns the {@link Component} annotation into {@code OSGI-INF/*.xml} at build time. The server
 * finds it by its {@link #ID id}, validates a spec's parameters against its schema, and calls
 * {@link #fit} with the validated values:
 * <pre>{@code
 * Recommender r = new ShrunkPopularityRecommender();
 * Params p = r.descriptor().params().validate(Map.of("shrinkage", 5.0), "params");
 * Model m = r.fit(train, p, ctx);
 * }</pre>
 */
@Component(service = Recommender.class)
public final class ShrunkPopularityRecommender implements Recommender {

    /** The plugin id: lower-case and never changed, because specs and stored results refer to it. */
    public static final String ID = "shrunk-popularity";

    /** The result that tells which major version of this bundle fitted the model. */
    public static final String MAJOR_VERSION_RESULT = "plugin-major-version";

    static final String SHRINKAGE = "shrinkage";
    static final String DELAY_MILLIS = "delayMillis";

    /** The resource Maven filters with the project version, next to this class in the bundle. */
    static final String VERSION_RESOURCE = "version.properties";

    /** The longest single sleep while delaying: cancellation is noticed within about this long. */
    private static final long SLICE_MILLIS = 50;

    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(
            ID, PluginKind.RECOMMENDER, "Shrunk popularity",
            "Ranks items by popularity shrunk towards zero, count / (count + shrinkage), the same for every "
                    + "user. Version 2 and later double every score.",
            null,
            ParamSchema.of(
                    ParamSpec.doubleParam(SHRINKAGE).defaultValue(10.0).min(0)
                            .help("Pseudo-count added to every item's count; larger values pull rarely seen "
                                    + "items further towards zero.")
                            .build(),
                    ParamSpec.intParam(DELAY_MILLIS).defaultValue(0).min(0)
                            .help("Milliseconds to wait during fit, in cancellable slices; lets tests keep a "
                                    + "trial running.")
                            .build()));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Counts every item's interactions and shrinks the counts.
     *
     * @param train  the training interactions
     * @param params validated parameters: {@code shrinkage} and {@code delayMillis}
     * @param ctx    the run context; it receives a log line, the {@value #MAJOR_VERSION_RESULT} result
     *               and progress
     * @return a model giving every user the shrunk popularity of every item
     * @throws TrialCancelledException if the trial is cancelled while fitting
     * @throws IllegalStateException   if the bundle's version resource is missing or malformed
     */
    @Override
    public Model fit(Dataset train, Params params, RunContext ctx) {
        String version = bundleVersion();
        int major = majorOf(version);
        double shrinkage = params.getDouble(SHRINKAGE);
        ctx.log(System.Logger.Level.INFO, ID + " " + version + " fitting " + train + " with shrinkage "
                + shrinkage);
        ctx.result(MAJOR_VERSION_RESULT, major);
        delay(params.getInt(DELAY_MILLIS), ctx);
        ctx.checkCancelled();

        double factor = major >= 2 ? 2.0 : 1.0;
        int[] counts = train.itemCounts();
        float[] scores = new float[counts.length];
        for (int item = 0; item < counts.length; item++) {
            // An unseen item scores 0 rather than 0 / 0 when shrinkage is 0.
            scores[item] = counts[item] == 0 ? 0f : (float) (factor * counts[item] / (counts[item] + shrinkage));
        }
        ctx.progress(1.0, "scored " + counts.length + " items");
        return new ShrunkPopularityModel(scores);
    }

    /**
     * The version this bundle was built as, from the {@value #VERSION_RESOURCE} that Maven filtered
     * into it. Read through this class, so that each installed version of the bundle reads its own.
     *
     * @return the version, such as "1.0.0"
     * @throws IllegalStateException if the resource is missing, unreadable or has no version
     */
    String bundleVersion() {
        try (InputStream in = getClass().getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(ID + ": resource " + VERSION_RESOURCE + " is missing next to "
                        + getClass().getName() + "; build the bundle with Maven, which writes it");
            }
            Properties props = new Properties();
            props.load(in);
            String version = props.getProperty("version", "").trim();
            if (version.isEmpty() || version.startsWith("${")) {
                throw new IllegalStateException(ID + ": " + VERSION_RESOURCE + " must set version, found '"
                        + version + "'; enable resource filtering in the pom");
            }
            return version;
        } catch (IOException e) {
            throw new IllegalStateException(ID + ": cannot read " + VERSION_RESOURCE, e);
        }
    }

    /**
     * The major number of a version: the digits before the first non-digit.
     *
     * @param version a version such as "2.0.0" or "3.1.0-SNAPSHOT"
     * @return the major number, such as 2
     * @throws IllegalStateException if the version does not start with a number
     */
    static int majorOf(String version) {
        int end = 0;
        // At most 9 digits, so the number fits an int.
        while (end < version.length() && end < 9 && Character.isDigit(version.charAt(end))) {
            end++;
        }
        if (end == 0) {
            throw new IllegalStateException(ID + ": " + VERSION_RESOURCE + ": version must start with a number, "
                    + "found '" + version + "'");
        }
        return Integer.parseInt(version.substring(0, end));
    }

    /** Waits {@code millis} in slices of at most {@link #SLICE_MILLIS}, checking for cancellation. */
    private static void delay(int millis, RunContext ctx) {
        long waited = 0;
        while (waited < millis) {
            ctx.checkCancelled();
            ctx.progress((double) waited / millis, "waited " + waited + " of " + millis + " ms");
            long slice = Math.min(SLICE_MILLIS, millis - waited);
            try {
                Thread.sleep(slice);
            } catch (InterruptedException e) {
                // Keep the flag for the executor that owns this thread, and stop the trial.
                Thread.currentThread().interrupt();
                TrialCancelledException cancelled = new TrialCancelledException(ID + ": interrupted while waiting");
                cancelled.initCause(e);
                throw cancelled;
            }
            waited += slice;
        }
    }
}
