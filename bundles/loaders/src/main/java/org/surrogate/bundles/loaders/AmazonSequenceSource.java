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
 * Amazon review sequences in the S3-Rec / ICLRec format ({@code Beauty.txt}, {@code Sports_and_Outdoors.txt},
 * ...): one line per user, {@code user item item ...}, space-separated, items in time order. The file
 * has no timestamps: each item's position in its line (0, 1, 2, ...) is its timestamp, so sequences
 * keep their order; every value is 1. See {@link SequenceFormat}.
 */
@Component(service = DatasetSource.class)
public final class AmazonSequenceSource implements DatasetSource {

    /** The plugin id. */
    public static final String ID = LoaderIds.AMAZON_SEQ;

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.DATASET_SOURCE,
            "Amazon sequences (S3-Rec format)",
            "Loads user item sequences in the S3-Rec/ICLRec format (one line per user: user item item ...), "
                    + "positions as timestamps, value 1; with optional minimum counts and k-core.",
            DatasetCitations.S3REC,
            LoaderParams.schema("The sequence file, such as datasets/amazon-s3rec-seq/Beauty.txt.",
                    LoaderParams.KEEP_ALL));

    private static final RecordFormat FORMAT = new SequenceFormat();

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Loads the file.
     *
     * @param params validated parameters (see {@link LoaderParams})
     * @param ctx    the run context
     * @return the dataset: one user per line, items in their order, value 1
     * @throws IOException if the file is missing, cannot be read, or has a malformed line
     */
    @Override
    public Dataset load(Params params, RunContext ctx) throws IOException {
        return DatasetLoader.load(ID, FORMAT, params, ctx);
    }
}
