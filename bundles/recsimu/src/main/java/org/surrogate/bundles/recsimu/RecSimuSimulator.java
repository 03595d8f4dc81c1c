package org.surrogate.bundles.recsimu;

import org.osgi.service.component.annotations.Component;
import org.surrogate.api.simulator.Simulator;

/**
 * Simulator plugin of {@link Variant#RECSIMU}; see {@link FeedbackSimulator} for what every simulator of
 * this bundle does with its logs.
 */
@Component(service = Simulator.class)
public final class RecSimuSimulator extends FeedbackSimulator {

    /** Creates the plugin. */
    public RecSimuSimulator() {
        super(Variant.RECSIMU);
    }
}
