package org.surrogate.bundles.recsimu;

import org.osgi.service.component.annotations.Component;
import org.surrogate.api.simulator.Simulator;

/**
 * Simulator plugin of {@link Variant#RANDOM}; see {@link FeedbackSimulator} for what every simulator of
 * this bundle does with its logs.
 */
@Component(service = Simulator.class)
public final class RandomSimulator extends FeedbackSimulator {

    /** Creates the plugin. */
    public RandomSimulator() {
        super(Variant.RANDOM);
    }
}
