package org.surrogate.bundles.loaders;

import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetSource;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.run.RunContext;
import org.surrogate.bundles.loaders.DelimitedFormat.Column;

/**
 * MovieLens latest, 20M and 25M {@code ratings.csv}: comma-separated with the header
 * {@code userId,movieId,rating,timestamp} (names match ignoring case and '_', in any order); ids are
 * non-negative integers, ratings half stars, timestamps seconds since the epoch. LF or CRLF line endings.
 */
@Component(service = DatasetSource.class)
public final class MovieLensCsvSource implements DatasetSource {

    /** The plugin id. */
    public static final String ID = LoaderIds.MOVIELENS_CSV;

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.DATASET_SOURCE,
            "MovieLens latest/20M/25M (ratings.csv)",
            "Loads MovieLens latest, latest-small, 20M or 25M ratings from ratings.csv (header "
                    + "userId,movieId,rating,timestamp), with optional implicit threshold, minimum counts and k-core.",
            DatasetCitations.MOVIELENS,
            LoaderParams.schema("The ratings.csv file, such as datasets/ml-latest-small/ratings.csv.",
                    LoaderParams.KEEP_LAST));

    private static final RecordFormat FORMAT = DelimitedFormat.builder(",").header(true).quoted(true)
            .numericIds(true).looseNames(true)
            .user(Column.named("userId")).item(Column.named("movieId"))
            .value(Column.named("rating")).time(Column.named("timestamp")).build();

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Loads the file.
     *
     * @param params validated parameters (see {@link LoaderParams})
     * @param ctx    the run context
     * @return the dataset, values are the ratings 0.5 to 5 (or 1 with an implicit threshold)
     * @throws IOException if the file is missing, cannot be read, or has a malformed line
     */
    @Override
    public Dataset load(Params params, RunContext ctx) throws IOException {
        return DatasetLoader.load(ID, FORMAT, params, ctx);
    }
}
