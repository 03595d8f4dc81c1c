package org.surrogate.bundles.loaders;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.surrogate.api.data.DuplicatePolicy;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.bundles.commons.data.FilterOptions;

/**
 * The parameters every loader shares, in one place: {@code path}, {@code name}, {@code duplicates},
 * {@code implicitThreshold}, {@code minUserInteractions}, {@code minItemInteractions} and
 * {@code kCore}; and how to read them from validated {@link Params}.
 *
 * <p>{@code implicitThreshold} has no default: when it is absent, values stay as they are. (A
 * {@code NaN} default cannot say "off", because parameter validation refuses NaN.)
 */
final class LoaderParams {

    /** The data file. */
    static final String PATH = "path";
    /** The dataset's name. */
    static final String NAME = "name";
    /** The duplicate policy. */
    static final String DUPLICATES = "duplicates";
    /** The implicit threshold. */
    static final String IMPLICIT_THRESHOLD = "implicitThreshold";
    /** The minimum interactions of a user. */
    static final String MIN_USER_INTERACTIONS = "minUserInteractions";
    /** The minimum interactions of an item. */
    static final String MIN_ITEM_INTERACTIONS = "minItemInteractions";
    /** The k of the k-core. */
    static final String K_CORE = "kCore";

    /** Keep every interaction of a repeated user-item pair. */
    static final String KEEP_ALL = "keep-all";
    /** Keep the latest interaction of a repeated pair. */
    static final String KEEP_LAST = "keep-last";
    /** Keep one interaction of a repeated pair, with the sum of the values. */
    static final String SUM = "sum";
    /** Refuse a file with a repeated pair. */
    static final String ERROR = "error";

    private LoaderParams() {
    }

    /**
     * The schema of a loader: {@code path}, then the format's own parameters, then the shared ones.
     *
     * @param pathHelp          what file {@code path} names, for people
     * @param defaultDuplicates the duplicate policy when none is given: {@link #KEEP_LAST} for rating
     *                          files, {@link #KEEP_ALL} for sequences and sessions
     * @param formatParams      the format's own parameters
     * @return the schema
     */
    static ParamSchema schema(String pathHelp, String defaultDuplicates, ParamSpec... formatParams) {
        List<ParamSpec> specs = new ArrayList<>();
        specs.add(ParamSpec.stringParam(PATH).required().help(pathHelp).build());
        specs.addAll(List.of(formatParams));
        specs.add(ParamSpec.stringParam(NAME)
                .help("The dataset's name in results. Default: the file's folder and name, such as "
                        + "'ml-100k/u.data'.").build());
        specs.add(ParamSpec.choiceParam(DUPLICATES, KEEP_ALL, KEEP_LAST, SUM, ERROR).defaultValue(defaultDuplicates)
                .help("What to do when a user has the same item more than once: keep-all keeps every one, "
                        + "keep-last the latest (by timestamp, then by line), sum keeps one with the sum of the "
                        + "values, error refuses the file naming both lines.").build());
        specs.add(ParamSpec.doubleParam(IMPLICIT_THRESHOLD)
                .help("Turns ratings into implicit feedback: keep the interactions whose value is at least "
                        + "this, with value 1. Absent: values stay as they are. Applied after duplicates.").build());
        specs.add(ParamSpec.intParam(MIN_USER_INTERACTIONS).defaultValue(0).min(0)
                .help("Drop users with fewer interactions than this (counted after the implicit threshold, in "
                        + "one pass together with minItemInteractions). 0: keep all.").build());
        specs.add(ParamSpec.intParam(MIN_ITEM_INTERACTIONS).defaultValue(0).min(0)
                .help("Drop items with fewer interactions than this (counted after the implicit threshold, in "
                        + "one pass together with minUserInteractions). 0: keep all.").build());
        specs.add(ParamSpec.intParam(K_CORE).defaultValue(0).min(0)
                .help("Then drop users and items with fewer than k interactions, repeatedly, until every one "
                        + "left has at least k (the k-core). 0: off.").build());
        return new ParamSchema(specs);
    }

    /**
     * The data file.
     *
     * @param params validated parameters
     * @return the path
     */
    static Path path(Params params) {
        return Path.of(params.getString(PATH));
    }

    /**
     * The dataset's name: the {@code name} parameter, or the file's folder and name.
     *
     * @param params validated parameters
     * @param file   the data file
     * @return the name
     */
    static String name(Params params, Path file) {
        if (params.has(NAME) && !params.getString(NAME).isBlank()) {
            return params.getString(NAME);
        }
        Path abs = file.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        String fileName = String.valueOf(abs.getFileName());
        return parent == null || parent.getFileName() == null ? fileName : parent.getFileName() + "/" + fileName;
    }

    /**
     * The duplicate policy.
     *
     * @param params validated parameters
     * @return the policy
     */
    static DuplicatePolicy duplicates(Params params) {
        return switch (params.getString(DUPLICATES)) {
            case KEEP_ALL -> DuplicatePolicy.KEEP_ALL;
            case KEEP_LAST -> DuplicatePolicy.KEEP_LAST;
            case SUM -> DuplicatePolicy.SUM;
            case ERROR -> DuplicatePolicy.ERROR;
            default -> throw new IllegalStateException("duplicates '" + params.getString(DUPLICATES)
                    + "' passed validation but is not one of " + KEEP_ALL + ", " + KEEP_LAST + ", " + SUM + ", "
                    + ERROR);
        };
    }

    /**
     * The filters.
     *
     * @param params validated parameters
     * @return the filter options; the threshold is NaN (off) when absent
     */
    static FilterOptions filters(Params params) {
        double threshold = params.has(IMPLICIT_THRESHOLD) ? params.getDouble(IMPLICIT_THRESHOLD) : Double.NaN;
        return new FilterOptions(threshold, params.getInt(MIN_USER_INTERACTIONS), params.getInt(MIN_ITEM_INTERACTIONS),
                params.getInt(K_CORE));
    }
}
