package org.surrogate.bundles.fidelity;

import org.surrogate.api.param.Params;
import org.surrogate.bundles.commons.stats.SingularValues;

/**
 * The validated parameters of one evaluation.
 *
 * @param topK         the number of singular values compared, &gt;= 1
 * @param coocItems    the number of reference items whose co-occurrence is compared, &gt;= 2
 * @param svMatrix     the entries of the matrix whose singular values are computed
 * @param includeEmpty whether users and items without interactions count
 * @param sessionGap   the largest gap within a session, in timestamp units, &gt;= 0
 */
record FidelitySettings(int topK, int coocItems, SingularValues.Entries svMatrix, boolean includeEmpty,
                        long sessionGap) {

    /**
     * Checks the values (the schema has already checked parameters; this guards direct use).
     *
     * @throws IllegalArgumentException naming the bad value
     */
    FidelitySettings {
        if (topK < 1) {
            throw new IllegalArgumentException("evaluator 'fidelity': topK must be at least 1, found " + topK);
        }
        if (coocItems < 2) {
            throw new IllegalArgumentException("evaluator 'fidelity': coocItems must be at least 2, found "
                    + coocItems);
        }
        if (sessionGap < 0) {
            throw new IllegalArgumentException("evaluator 'fidelity': sessionGap must be >= 0, found " + sessionGap);
        }
    }

    /**
     * Reads the settings from validated parameters.
     *
     * @param params parameters validated against {@link FidelityEvaluator#DESCRIPTOR}
     * @return the settings
     */
    static FidelitySettings from(Params params) {
        return new FidelitySettings(params.getInt(FidelityEvaluator.TOP_K), params.getInt(FidelityEvaluator.COOC_ITEMS),
                SingularValues.Entries.fromLabel(params.getString(FidelityEvaluator.SV_MATRIX)),
                params.getBoolean(FidelityEvaluator.INCLUDE_EMPTY), params.getLong(FidelityEvaluator.SESSION_GAP));
    }
}
