/**
 * The plugin catalog (an update site, as Eclipse and Jenkins have): catalog locations an admin adds
 * (a folder or an http(s) URL serving {@code index.json}), the index format
 * ({@link org.surrogate.framework.catalog.CatalogIndex}), resolution of a request and its dependencies
 * against what the catalogs offer and what is installed ({@link org.surrogate.framework.catalog.Resolver}),
 * installation and update of the resolved bundles as one change that is rolled back as a whole when
 * any step fails ({@link org.surrogate.framework.catalog.CatalogInstaller}), and the index writer that
 * publishes a folder of bundles as a catalog ({@link org.surrogate.framework.catalog.IndexWriter}).
 * {@link org.surrogate.framework.catalog.CatalogService} is the facade the console uses.
 */
package org.surrogate.framework.catalog;
