package org.surrogate.bundles.recsimu;

import org.osgi.service.component.annotations.Component;
import org.surrogate.api.simulator.Simulator;

/**
 * Simulator plugin of {@link Variant#GAN}; see {@link FeedbackSimulator} for what every simulator of
 * this bundle does with its logs.
 */
@Component(service = Simulator.class)
public final class GanSimulator extends FeedbackSimulator {

    /** Creates the plugin. */
    public GanSimulator() {
        super(Variant.GAN);
    }
}
