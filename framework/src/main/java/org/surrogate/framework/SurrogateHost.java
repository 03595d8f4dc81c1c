package org.surrogate.framework;

import org.surrogate.framework.bundles.BundleManager;
import org.surrogate.framework.plugins.PluginRegistry;
import org.surrogate.framework.trials.TrialRunner;

/**
 * The running plugin host: an embedded Felix container with its plugins, and the trial runner.
 * Obtain one with {@link #start(HostConfig)}; close it to stop the container.
 */
public interface SurrogateHost extends AutoCloseable {

    /**
     * Starts the host: initialises ND4J on the host, starts Felix with the system bundles, installs
     * or upgrades the built-in bundles, starts the installed ones and the hot-deploy watcher.
     *
     * @param config where state and bundles live
     * @return the running host
     * @throws Exception if the container cannot start
     */
    static SurrogateHost start(HostConfig config) throws Exception {
        return org.surrogate.framework.impl.FelixHost.start(config);
    }

    /**
     * The plugins registered now.
     *
     * @return the registry
     */
    PluginRegistry plugins();

    /**
     * Installs, updates and removes bundles.
     *
     * @return the bundle manager
     */
    BundleManager bundles();

    /**
     * Runs trials.
     *
     * @return the trial runner
     */
    TrialRunner trials();

    /**
     * The experiment scheduler: submit specs, watch and control the queue.
     *
     * @return the scheduler
     */
    org.surrogate.framework.engine.Scheduler scheduler();

    /**
     * The results repository: run directories and their search index.
     *
     * @return the repository
     */
    org.surrogate.repository.RunRepository runs();

    /**
     * The engine's live events: queue and trial state changes, trial progress, metric points as they
     * are logged, experiment state changes. Delivered on a thread of their own, never slowing a trial.
     *
     * @return the event bus (by default the scheduler's)
     */
    default org.surrogate.framework.engine.EngineEvents events() {
        return scheduler().events();
    }

    /**
     * The plugin catalog: catalog locations, what they offer, installs and updates from them.
     *
     * @return the catalog service
     * @throws UnsupportedOperationException if this host has none (the default)
     */
    default org.surrogate.framework.catalog.CatalogService catalog() {
        throw new UnsupportedOperationException("this host has no plugin catalog");
    }

    /** Stops running trials and the container. */
    @Override
    void close();
}
