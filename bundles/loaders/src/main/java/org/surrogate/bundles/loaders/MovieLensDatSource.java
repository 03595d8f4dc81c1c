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
 * MovieLens 1M/10M {@code ratings.dat}: {@code UserID::MovieID::Rating::Timestamp}, no header;
 * ids are non-negative integers, timestamps seconds since the epoch.
 */
@Component(service = DatasetSource.class)
public final class MovieLensDatSource implements DatasetSource {

    /** The plugin id. */
    public static final String ID = LoaderIds.MOVIELENS_DAT;

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.DATASET_SOURCE,
            "MovieLens 1M/10M (ratings.dat)",
            "Loads MovieLens 1M or 10M ratings from ratings.dat (UserID::MovieID::Rating::Timestamp), with "
                    + "optional implicit threshold, minimum counts and k-core.",
            DatasetCitations.MOVIELENS,
            LoaderParams.schema("The ratings.dat file, such as datasets/ml-1m/ratings.dat.", LoaderParams.KEEP_LAST));

    private static final RecordFormat FORMAT = DelimitedFormat.builder("::").numericIds(true)
            .user(Column.at(0)).item(Column.at(1)).value(Column.at(2)).time(Column.at(3))
            .fields("UserID", "MovieID", "Rating", "Timestamp").build();

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Loads the ratings.
     *
     * @param params validated parameters (see {@link LoaderParams})
     * @param ctx    the run context
     * @return the dataset, values are the ratings (1 to 5 stars in 1M, half stars in 10M)
     * @throws IOException if the file is missing, cannot be read, or has a malformed line
     */
    @Override
    public Dataset load(Params params, RunContext ctx) throws IOException {
        return DatasetLoader.load(ID, FORMAT, params, ctx);
    }
}
