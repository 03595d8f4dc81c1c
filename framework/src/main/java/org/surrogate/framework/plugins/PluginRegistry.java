package org.surrogate.framework.plugins;

import java.util.List;
import java.util.Optional;

/**
 * The plugins currently registered in the container, by kind, id and version. One plugin id is
 * registered by one bundle at a time; a second bundle registering a taken id is refused.
 */
public interface PluginRegistry {

    /**
     * All plugins, sorted by kind then id.
     *
     * @return the plugins
     */
    List<PluginInfo> list();

    /**
     * Finds a plugin by id.
     *
     * @param id the plugin id
     * @return the plugin, if registered
     */
    Optional<PluginInfo> find(String id);

    /**
     * The registered plugin object of an id. Hold it only as long as needed: an object kept after
     * its bundle is uninstalled keeps the bundle's class loader alive.
     *
     * @param id the plugin id
     * @return the plugin, if registered
     */
    Optional<org.surrogate.api.plugin.Plugin> instance(String id);

    /**
     * Problems seen with plugin services (a duplicate id, a descriptor that throws, a kind that does
     * not match its interface), newest last, so that users can see why a plugin is missing.
     *
     * @return the messages, each naming the bundle and the reason
     */
    List<String> problems();
}
