/**
 * Code shared by the built-in bundles. Bundles do not import these packages: bnd copies the classes
 * a bundle uses into it ({@code -conditionalpackage} in bundles/pom.xml), together with the parts of
 * commons-math3 they need.
 */
package org.surrogate.bundles.commons;
