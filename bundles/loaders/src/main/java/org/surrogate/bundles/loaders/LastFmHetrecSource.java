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
 * Last.fm HetRec 2011 {@code user_artists.dat}: tab-separated with the header {@code userID artistID weight}
 * (names match ignoring case); the value is the weight (the user's play count of the artist). The file
 * has no timestamps.
 */
@Component(service = DatasetSource.class)
public final class LastFmHetrecSource implements DatasetSource {

    /** The plugin id. */
    public static final String ID = LoaderIds.LASTFM_HETREC;

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.DATASET_SOURCE,
            "Last.fm HetRec 2011 (user_artists.dat)",
            "Loads Last.fm HetRec 2011 user_artists.dat (user, artist, play-count weight; no timestamps), "
                    + "with optional implicit threshold, minimum counts and k-core.",
            DatasetCitations.HETREC,
            LoaderParams.schema("The user_artists.dat file, such as datasets/hetrec2011-lastfm-2k/user_artists.dat.",
                    LoaderParams.KEEP_LAST));

    private static final RecordFormat FORMAT = DelimitedFormat.builder("\t").header(true).numericIds(true)
            .looseNames(true).user(Column.named("userID")).item(Column.named("artistID"))
            .value(Column.named("weight")).build();

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Loads the file.
     *
     * @param params validated parameters (see {@link LoaderParams})
     * @param ctx    the run context
     * @return the dataset: values are the weights, no timestamps
     * @throws IOException if the file is missing, cannot be read, or has a malformed line
     */
    @Override
    public Dataset load(Params params, RunContext ctx) throws IOException {
        return DatasetLoader.load(ID, FORMAT, params, ctx);
    }
}
