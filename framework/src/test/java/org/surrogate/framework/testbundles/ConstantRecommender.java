package org.surrogate.framework.testbundles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;

/**
 * A recommender packed into test bundles: every item scores the number in the bundle's
 * {@code value.txt}, so two bundle versions with different files give different results. It sleeps
 * {@code millis} while fitting, checking for cancellation, so a trial can be kept running.
 */
public final class ConstantRecommender implements Recommender {

    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor("test-constant", PluginKind.RECOMMENDER,
            "Constant", "Scores every item with the number in its bundle's value.txt.", null,
            ParamSchema.of(ParamSpec.intParam("millis").defaultValue(0).min(0).help("time to sleep in fit").build()));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Model fit(Dataset train, Params params, RunContext ctx) {
        long end = System.nanoTime() + params.getInt("millis") * 1_000_000L;
        while (System.nanoTime() < end) {
            ctx.checkCancelled();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        float value = readValue();
        int n = train.numItems();
        return new Model() {
            @Override
            public int numItems() {
                return n;
            }

            @Override
            public void score(int[] users, float[] out) {
                Arrays.fill(out, 0, users.length * n, value);
            }
        };
    }

    private float readValue() {
        try (InputStream in = getClass().getResourceAsStream("/value.txt")) {
            if (in == null) {
                throw new IllegalStateException("value.txt is missing from the bundle");
            }
            return Float.parseFloat(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
