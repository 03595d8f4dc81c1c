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
 * MovieLens 100K {@code u.data}: tab-separated {@code user id, item id, rating, timestamp}, no header;
 * ids are non-negative integers, timestamps seconds since the epoch.
 */
@Component(service = DatasetSource.class)
public final class MovieLens100kSource implements DatasetSource {

    /** The plugin id. */
    public static final String ID = LoaderIds.MOVIELENS_100K;

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.DATASET_SOURCE,
            "MovieLens 100K (u.data)",
            "Loads MovieLens 100K ratings from u.data (tab-separated user, item, rating, timestamp), with "
                    + "optional implicit threshold, minimum counts and k-core.",
            DatasetCitations.MOVIELENS,
            LoaderParams.schema("The u.data file, such as datasets/ml-100k/u.data.", LoaderParams.KEEP_LAST));

    private static final RecordFormat FORMAT = DelimitedFormat.builder("\t").numericIds(true)
            .user(Column.at(0)).item(Column.at(1)).value(Column.at(2)).time(Column.at(3))
            .fields("user id", "item id", "rating", "timestamp").build();

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Loads the ratings.
     *
     * @param params validated parameters (see {@link LoaderParams})
     * @param ctx    the run context
     * @return the dataset, values are the ratings 1 to 5 (or 1 with an implicit threshold)
     * @throws IOException if the file is missing, cannot be read, or has a malformed line
     */
    @Override
    public Dataset load(Params params, RunContext ctx) throws IOException {
        return DatasetLoader.load(ID, FORMAT, params, ctx);
    }
}
