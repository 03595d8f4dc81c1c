package org.surrogate.bundles.autoencoders;

import java.util.ArrayList;
import java.util.List;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;

/**
 * The training settings of Mult-VAE or Mult-DAE, read from validated parameters, and the parameter
 * specs both recommenders share.
 *
 * @param id               the recommender id, for messages and random stream names
 * @param variational      true for Mult-VAE (Gaussian latent, KL term), false for Mult-DAE
 * @param encoderDims      widths of the encoder's layers, the last being the latent dimension; the
 *                         decoder mirrors them, so {@code [600, 200]} is [I-600-200-600-I]
 * @param epochs           passes over the training users
 * @param batchSize        users per gradient step
 * @param learningRate     Adam's step size
 * @param dropout          dropout probability on the normalised input
 * @param l2               weight of the squared L2 norm of the weight matrices in the loss
 * @param betaMax          the KL weight's cap (Mult-VAE only; 0 for Mult-DAE)
 * @param totalAnnealSteps gradient steps over which the KL weight grows linearly from 0 to 1,
 *                         capped at betaMax; 0 uses betaMax from the first step (Mult-VAE only)
 * @param threads          ND4J and BLAS threads to set for the process, or 0 to leave them alone
 */
record AutoencoderSettings(String id, boolean variational, List<Integer> encoderDims, int epochs, int batchSize,
                           double learningRate, double dropout, double l2, double betaMax, long totalAnnealSteps,
                           int threads) {

    /**
     * Copies the list.
     */
    AutoencoderSettings {
        encoderDims = List.copyOf(encoderDims);
    }

    /**
     * Reads the settings of Mult-VAE or Mult-DAE.
     *
     * @param id          the recommender id
     * @param variational whether it is Mult-VAE (reads betaMax and totalAnnealSteps)
     * @param p           validated parameters of the recommender's schema
     * @return the settings
     */
    static AutoencoderSettings from(String id, boolean variational, Params p) {
        return new AutoencoderSettings(id, variational, p.getIntList("encoderDims"), p.getInt("epochs"),
                p.getInt("batchSize"), p.getDouble("learningRate"), p.getDouble("dropout"), p.getDouble("l2"),
                variational ? p.getDouble("betaMax") : 0, variational ? p.getLong("totalAnnealSteps") : 0,
                p.getInt("threads"));
    }

    /**
     * The KL weight at a gradient step, as Liang et al.: {@code min(betaMax, step / totalAnnealSteps)},
     * where step counts the updates made before this one.
     *
     * @param step the number of updates so far
     * @return the weight
     */
    double beta(long step) {
        if (!variational) {
            return 0;
        }
        if (totalAnnealSteps == 0) {
            return betaMax;
        }
        return Math.min(betaMax, (double) step / totalAnnealSteps);
    }

    /**
     * The architecture as text, such as "[I-600-200-600-I]".
     *
     * @return the text
     */
    String architecture() {
        StringBuilder b = new StringBuilder("[I");
        for (int d : encoderDims) {
            b.append('-').append(d);
        }
        for (int k = encoderDims.size() - 2; k >= 0; k--) {
            b.append('-').append(encoderDims.get(k));
        }
        return b.append("-I]").toString();
    }

    /**
     * The parameter specs shared by both recommenders, in display order.
     *
     * @param encoderDims the default encoder widths
     * @param l2          the default L2 weight
     * @return the specs
     */
    static List<ParamSpec> commonParams(List<Integer> encoderDims, double l2) {
        List<ParamSpec> specs = new ArrayList<>();
        specs.add(ParamSpec.intListParam("encoderDims").defaultValue(encoderDims).range(1, 100_000)
                .help("Widths of the encoder layers, the last being the latent dimension; the decoder mirrors "
                        + "them: [600, 200] is the architecture [I-600-200-600-I]. Hidden layers use tanh.").build());
        specs.add(ParamSpec.intParam("epochs").defaultValue(100).range(1, 100_000)
                .help("Passes over the training users.").build());
        specs.add(ParamSpec.intParam("batchSize").defaultValue(500).range(1, 1_000_000)
                .help("Users per Adam step (500 as Liang et al.).").build());
        specs.add(ParamSpec.doubleParam("learningRate").defaultValue(1e-3).greaterThan(0)
                .help("Adam step size (1e-3 as Liang et al.); lower it if training diverges.").build());
        specs.add(ParamSpec.doubleParam("dropout").defaultValue(0.5).min(0).lessThan(1)
                .help("Probability of dropping each entry of the L2-normalised input during training "
                        + "(inverted dropout; 0.5 as Liang et al.).").build());
        specs.add(ParamSpec.doubleParam("l2").defaultValue(l2).min(0)
                .help("Weight of the sum of squared weight-matrix entries (not biases) added to the loss.").build());
        specs.add(ParamSpec.intParam("threads").defaultValue(0).range(0, 256)
                .help("ND4J and BLAS threads, set for the whole process when training starts; 0 leaves the "
                        + "host's setting. Results are reproducible for a fixed thread count.").build());
        return specs;
    }
}
