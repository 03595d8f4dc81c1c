package org.surrogate.bundles.loaders;

import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetSource;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.run.RunContext;

/**
 * DIGINETICA (CIKM Cup 2016) session clicks, {@code train-item-views.csv}: {@code ;}-separated with the
 * header {@code sessionId;userId;itemId;timeframe;eventdate}. Sessions are the users; clicks have value 1
 * and are ordered by date, then time frame. See {@link DigineticaFormat}.
 */
@Component(service = DatasetSource.class)
public final class DigineticaSource implements DatasetSource {

    /** The plugin id. */
    public static final String ID = LoaderIds.DIGINETICA;

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.DATASET_SOURCE,
            "DIGINETICA session clicks",
            "Loads DIGINETICA train-item-views.csv session clicks (sessions as users, ordered by eventdate "
                    + "then timeframe, value 1), with optional minimum counts and k-core.",
            DatasetCitations.DIGINETICA,
            LoaderParams.schema("The train-item-views.csv file, such as "
                    + "datasets/diginetica-sample/sample_train-item-views.csv.", LoaderParams.KEEP_ALL));

    private static final RecordFormat FORMAT = new DigineticaFormat();

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Loads the file.
     *
     * @param params validated parameters (see {@link LoaderParams})
     * @param ctx    the run context
     * @return the dataset: sessions as users, timestamps in milliseconds since the epoch
     * @throws IOException if the file is missing, cannot be read, or has a malformed line
     */
    @Override
    public Dataset load(Params params, RunContext ctx) throws IOException {
        return DatasetLoader.load(ID, FORMAT, params, ctx);
    }
}
