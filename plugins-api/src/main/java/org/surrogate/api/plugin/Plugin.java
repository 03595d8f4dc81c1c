package org.surrogate.api.plugin;

/**
 * The root type of every Surrogate plugin.
 *
 * <p>Implementations do not implement this interface directly but the interface of their kind,
 * such as {@code Recommender} or {@code Generator}, and register as an OSGi service under it. A
 * plugin must be stateless between calls, or at least safe to use from several trials at once:
 * per-trial state lives in the objects its methods return (a fitted model, an environment).
 */
public interface Plugin {

    /**
     * Describes this plugin: id, kind, description, paper and parameter schema.
     *
     * @return the descriptor, the same on every call
     */
    PluginDescriptor descriptor();
}
