package org.surrogate.bundles.loaders;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.data.DuplicatePolicy;
import org.surrogate.api.param.Params;
import org.surrogate.api.run.RunContext;
import org.surrogate.bundles.commons.data.DatasetFilters;
import org.surrogate.bundles.commons.data.FilterOptions;

/**
 * What every loader does around its format: reads the file into a dataset with the duplicate policy,
 * checks for repeated pairs when the policy is {@code error}, applies the filters, and reports progress
 * and a summary line to the log.
 */
final class DatasetLoader {

    /** The share of the progress that reading the file takes; building and filtering take the rest. */
    static final double READ_SHARE = 0.9;

    private DatasetLoader() {
    }

    /**
     * Loads a dataset with the shared parameters of {@link LoaderParams}.
     *
     * @param pluginId the loader's id, for messages
     * @param format   the file format
     * @param params   validated parameters
     * @param ctx      the run context
     * @return the dataset
     * @throws MalformedFileException   naming the file, the line and the reason
     * @throws IOException              if the file is missing or cannot be read
     * @throws IllegalArgumentException if the filters leave no interactions
     */
    static Dataset load(String pluginId, RecordFormat format, Params params, RunContext ctx) throws IOException {
        Path file = LoaderParams.path(params);
        DuplicatePolicy policy = LoaderParams.duplicates(params);
        FilterOptions filters = LoaderParams.filters(params);
        long started = System.nanoTime();
        Dataset raw = read(file, LoaderParams.name(params, file), format, policy, ctx);
        if (policy == DuplicatePolicy.ERROR) {
            DuplicateCheck.requireNoRepeats(raw, file, format, ctx);
        }
        ctx.progress(READ_SHARE, "filtering " + raw + " (" + filters.describe() + ")");
        Dataset data = DatasetFilters.apply(raw, filters);
        if (data.size() == 0) {
            throw new IllegalArgumentException(pluginId + ": the filters (" + filters.describe()
                    + ") left no interactions of the " + raw.size() + " read from " + file.getFileName()
                    + "; lower them");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        ctx.log(System.Logger.Level.INFO, String.format(Locale.ROOT,
                "%s: read %d interactions (%d users, %d items) from %s; duplicates %s; filters %s; kept %d "
                        + "interactions (%d users, %d items); %.2f s; checksum %s",
                pluginId, raw.size(), raw.numUsers(), raw.numItems(), file, params.getString(LoaderParams.DUPLICATES),
                filters.describe(), data.size(), data.numUsers(), data.numItems(), seconds, data.checksum()));
        ctx.progress(1.0, "loaded " + data);
        return data;
    }

    private static Dataset read(Path file, String name, RecordFormat format, DuplicatePolicy policy, RunContext ctx)
            throws IOException {
        // The builder would refuse a repeated pair without naming its lines; DuplicateCheck does that.
        DatasetBuilder b = Dataset.builder(name)
                .duplicates(policy == DuplicatePolicy.ERROR ? DuplicatePolicy.KEEP_ALL : policy);
        try (LineReader in = LineReader.open(file, ctx, READ_SHARE)) {
            format.read(in, (user, item, value, time, line) -> {
                if (time == InteractionSink.NO_TIME) {
                    b.add(user, item, value);
                } else {
                    b.add(user, item, value, time);
                }
            });
        }
        return b.build();
    }
}
