package org.surrogate.bundles.loaders;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetSource;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.run.RunContext;
import org.surrogate.bundles.loaders.DelimitedFormat.Column;

/**
 * Any delimited text file with one interaction a line, given a column mapping: CSV, TSV, {@code ;} or
 * {@code ::} separated. With a header, columns are named by it (exact names); without, by 0-based
 * positions written as text ("0", "1", ...). The value and timestamp columns are optional: without a
 * value column every value is 1, without a timestamp column there are no timestamps. Ids are any text
 * that is not empty; values are decimal numbers, timestamps integers. With a one-character delimiter,
 * fields may be quoted as in CSV ({@code "a,b"}).
 *
 * <pre>{@code
 * {"path": "clicks.tsv", "delimiter": "tab", "header": true,
 *  "userColumn": "visitor", "itemColumn": "product", "timestampColumn": "ts"}
 * }</pre>
 */
@Component(service = DatasetSource.class)
public final class CsvSource implements DatasetSource {

    /** The plugin id. */
    public static final String ID = LoaderIds.CSV;

    /** The delimiter. */
    static final String DELIMITER = "delimiter";
    /** Whether there is a header. */
    static final String HEADER = "header";
    /** The user column. */
    static final String USER_COLUMN = "userColumn";
    /** The item column. */
    static final String ITEM_COLUMN = "itemColumn";
    /** The value column. */
    static final String VALUE_COLUMN = "valueColumn";
    /** The timestamp column. */
    static final String TIMESTAMP_COLUMN = "timestampColumn";
    /** Lines skipped before the header. */
    static final String SKIP_LINES = "skipLines";

    private static final String COLUMN_HELP =
            " With a header, its name; without, its 0-based position (\"0\", \"1\", ...).";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.DATASET_SOURCE,
            "CSV/TSV file",
            "Loads interactions from any delimited text file given which columns hold the user, the item and, "
                    + "optionally, the value and the timestamp; with optional implicit threshold, minimum counts "
                    + "and k-core.",
            null,
            LoaderParams.schema("The data file.", LoaderParams.KEEP_LAST,
                    ParamSpec.stringParam(DELIMITER).defaultValue(",")
                            .help("The text between fields: ',', ';', '::', ... ; 'tab' or '\\t' for a tab.").build(),
                    ParamSpec.booleanParam(HEADER).defaultValue(true)
                            .help("Whether the first line (after skipLines) names the columns.").build(),
                    ParamSpec.stringParam(USER_COLUMN).required().help("The user id column." + COLUMN_HELP).build(),
                    ParamSpec.stringParam(ITEM_COLUMN).required().help("The item id column." + COLUMN_HELP).build(),
                    ParamSpec.stringParam(VALUE_COLUMN)
                            .help("The value column (a number). Absent: every value is 1." + COLUMN_HELP).build(),
                    ParamSpec.stringParam(TIMESTAMP_COLUMN)
                            .help("The timestamp column (an integer). Absent: no timestamps." + COLUMN_HELP).build(),
                    ParamSpec.intParam(SKIP_LINES).defaultValue(0).min(0)
                            .help("Lines to skip at the start of the file, before the header.").build()));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Loads the file.
     *
     * @param params validated parameters (see {@link LoaderParams} and the schema)
     * @param ctx    the run context
     * @return the dataset
     * @throws InvalidParamsException if the delimiter is empty or a column is not a position without header
     * @throws IOException            if the file is missing, cannot be read, or has a malformed line
     */
    @Override
    public Dataset load(Params params, RunContext ctx) throws IOException {
        return DatasetLoader.load(ID, format(params), params, ctx);
    }

    /**
     * The format the parameters describe.
     *
     * @param params validated parameters
     * @return the format
     * @throws InvalidParamsException listing every parameter that does not fit
     */
    static DelimitedFormat format(Params params) {
        List<String> problems = new ArrayList<>();
        String delimiter = delimiter(params.getString(DELIMITER), problems);
        boolean header = params.getBoolean(HEADER);
        Column user = column(params, USER_COLUMN, header, problems);
        Column item = column(params, ITEM_COLUMN, header, problems);
        Column value = column(params, VALUE_COLUMN, header, problems);
        Column time = column(params, TIMESTAMP_COLUMN, header, problems);
        if (!problems.isEmpty()) {
            throw new InvalidParamsException(problems);
        }
        return DelimitedFormat.builder(delimiter).header(header).skipLines(params.getInt(SKIP_LINES))
                .quoted(delimiter.length() == 1).user(user).item(item).value(value).time(time).build();
    }

    private static String delimiter(String text, List<String> problems) {
        if ("tab".equals(text) || "\\t".equals(text)) {
            return "\t";
        }
        if (text.isEmpty() || "\"".equals(text)) {
            problems.add(DELIMITER + ": expected a delimiter such as ',', ';', 'tab' or '::' (not empty, not '\"'), "
                    + "found '" + text + "'");
            return ",";
        }
        return text;
    }

    private static Column column(Params params, String name, boolean header, List<String> problems) {
        if (!params.has(name)) {
            return null;
        }
        String text = params.getString(name);
        if (header) {
            if (text.isEmpty()) {
                problems.add(name + ": expected a column name of the header, found ''");
                return null;
            }
            return Column.named(text);
        }
        try {
            int index = Integer.parseInt(text.trim());
            if (index >= 0) {
                return Column.at(index);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + ": expected a 0-based column position such as '0' (header is false), found '" + text + "'");
        return null;
    }
}
