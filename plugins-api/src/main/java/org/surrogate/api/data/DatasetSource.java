package org.surrogate.api.data;

import java.io.IOException;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.Plugin;
import org.surrogate.api.run.RunContext;

/**
 * A plugin that loads or makes a dataset: a file format loader (MovieLens, Amazon, CSV) or an
 * embedded dataset.
 *
 * <pre>{@code
 * @Component(service = DatasetSource.class)
 * public final class MyLoader implements DatasetSource {
 *     public PluginDescriptor descriptor() { return DESCRIPTOR; }
 *     public Dataset load(Params p, RunContext ctx) throws IOException {
 *         DatasetBuilder b = Dataset.builder("my-data");
 *         // read p.getString("path") line by line, b.add(user, item, rating, time)
 *         return b.build();
 *     }
 * }
 * }</pre>
 */
public interface DatasetSource extends Plugin {

    /**
     * Loads the dataset.
     *
     * @param params validated parameters (such as the file path)
     * @param ctx    the run context
     * @return the dataset
     * @throws IOException if a file cannot be read; a malformed line is reported with the file name,
     *                     the line number and the reason
     */
    Dataset load(Params params, RunContext ctx) throws IOException;
}
