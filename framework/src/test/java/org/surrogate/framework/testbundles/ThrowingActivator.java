package org.surrogate.framework.testbundles;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** A bundle activator that fails, packed into a test bundle. */
public final class ThrowingActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("activator refuses to start");
    }

    @Override
    public void stop(BundleContext context) {
    }
}
