/**
 * What every plugin is: the {@link org.surrogate.api.plugin.Plugin} root type, its
 * {@link org.surrogate.api.plugin.PluginDescriptor descriptor} and the
 * {@link org.surrogate.api.plugin.PluginKind kinds} the server knows.
 *
 * <p>A plugin is an OSGi service registered under the interface of its kind (for example
 * {@code org.surrogate.api.recommender.Recommender}), usually with Declarative Services:
 * <pre>{@code
 * @Component(service = Recommender.class)
 * public final class MyRecommender implements Recommender { ... }
 * }</pre>
 * The plugin's version is the version of the bundle that registers it.
 */
@Export
@Version("1.0.0")
package org.surrogate.api.plugin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
