/**
 * The REST API under {@code /api/v1}: Jersey resources over the plugin host's facade
 * ({@link org.surrogate.framework.SurrogateHost}), JSON by Jackson, errors as
 * {@code {"error": "...", "problems": [...]}} with a status that says whose fault it is.
 *
 * <p>One resource class per collection ({@link org.surrogate.console.api.HealthResource},
 * {@link org.surrogate.console.api.PluginsResource}, {@link org.surrogate.console.api.BundlesResource},
 * {@link org.surrogate.console.api.TrialsResource}); {@link org.surrogate.console.api.ApiApplication}
 * wires them to a host. The API has no authentication yet: users and roles come in a later release.
 */
package org.surrogate.console.api;
