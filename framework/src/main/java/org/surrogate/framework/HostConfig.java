package org.surrogate.framework;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the plugin host keeps its state and finds its bundles.
 *
 * @param dataDir           the data folder: Felix cache, hot-deploy folder ({@code plugins/}),
 *                          installed-bundle state and run directories live here
 * @param systemBundlesDir  the folder of infrastructure bundles started before any plugin (Felix SCR
 *                          and the OSGi DS API bundles)
 * @param builtinBundlesDir the folder of the built-in plugin bundles, installed at start when missing
 *                          or older; may be null
 * @param watchHotDeploy    whether to watch {@code <dataDir>/plugins/} and install, update and remove
 *                          bundles dropped there
 */
public record HostConfig(Path dataDir, Path systemBundlesDir, Path builtinBundlesDir, boolean watchHotDeploy) {

    /**
     * Checks the required folders are given.
     *
     * @throws NullPointerException if dataDir or systemBundlesDir is null
     */
    public HostConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(systemBundlesDir, "systemBundlesDir");
    }

    /**
     * The hot-deploy folder.
     *
     * @return {@code <dataDir>/plugins}
     */
    public Path hotDeployDir() {
        return dataDir.resolve("plugins");
    }
}
