package org.surrogate.console;

import java.nio.file.Files;
import java.nio.file.Path;
import org.surrogate.framework.HostConfig;
import org.surrogate.framework.SurrogateHost;

/** Starts the plugin host in this process, for commands that run experiments without a server. */
final class LocalHost {

    private LocalHost() {
    }

    /**
     * Starts a host on a data folder with the distribution's built-in plugins, without the
     * hot-deploy watcher.
     *
     * @param home the {@code --home} option, or null
     * @param data the data folder
     * @return the running host
     * @throws Exception if it cannot start (such as another server using the same data folder)
     */
    static SurrogateHost start(Path home, Path data) throws Exception {
        Path dist = ServeCommand.resolveHome(home);
        Path systemBundles = dist.resolve("system-bundles");
        if (!Files.isDirectory(systemBundles)) {
            throw new IllegalStateException(dist + " is not a Surrogate distribution: it has no system-bundles/"
                    + " folder; build one with 'mvn install' or pass --home DIR");
        }
        Path builtins = dist.resolve("bundles");
        return SurrogateHost.start(new HostConfig(data.toAbsolutePath().normalize(), systemBundles,
                Files.isDirectory(builtins) ? builtins : null, false));
    }
}
