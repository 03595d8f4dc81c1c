package org.surrogate.api.plugin;

/**
 * The kinds of plugin the server knows; each has an interface of its own in its own package.
 */
public enum PluginKind {
    /** Loads or makes a dataset ({@code org.surrogate.api.data.DatasetSource}). */
    DATASET_SOURCE("dataset-source"),
    /** Produces synthetic data ({@code org.surrogate.api.generator.Generator}). */
    GENERATOR("generator"),
    /** Divides a dataset into training and test parts ({@code org.surrogate.api.split.Splitter}). */
    SPLITTER("splitter"),
    /** Transforms a dataset under a privacy guarantee ({@code org.surrogate.api.privacy.PrivacyMechanism}). */
    PRIVACY_MECHANISM("privacy-mechanism"),
    /** An interactive user environment ({@code org.surrogate.api.simulator.Simulator}). */
    SIMULATOR("simulator"),
    /** Fits a model that ranks items or acts as a policy ({@code org.surrogate.api.recommender.Recommender}). */
    RECOMMENDER("recommender"),
    /** Computes metrics ({@code org.surrogate.api.evaluation.Evaluator}). */
    EVALUATOR("evaluator"),
    /** The workflow of a trial ({@code org.surrogate.api.protocol.Protocol}). */
    PROTOCOL("protocol");

    private final String label;

    PluginKind(String label) {
        this.label = label;
    }

    /**
     * The lower-case name used in specs, URLs and JSON, such as {@code "privacy-mechanism"}.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * Finds a kind by its {@link #label() label} or its enum name, ignoring case.
     *
     * @param text the label or name
     * @return the kind
     * @throws IllegalArgumentException if no kind has that label, naming the accepted ones
     */
    public static PluginKind fromLabel(String text) {
        for (PluginKind k : values()) {
            if (k.label.equalsIgnoreCase(text) || k.name().equalsIgnoreCase(text)) {
                return k;
            }
        }
        StringBuilder accepted = new StringBuilder();
        for (PluginKind k : values()) {
            accepted.append(accepted.length() == 0 ? "" : ", ").append(k.label);
        }
        throw new IllegalArgumentException("unknown plugin kind '" + text + "'; accepted: " + accepted);
    }
}
