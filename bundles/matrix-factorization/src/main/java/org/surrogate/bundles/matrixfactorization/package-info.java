/**
 * Matrix factorization recommenders: implicit ALS (Hu, Koren and Volinsky 2008) with
 * conjugate-gradient solves, and BPR-MF (Rendle et al. 2009). Both fit user and item factor
 * matrices on plain float arrays and score batches of users with ND4J matrix products. This package
 * is private to its bundle.
 */
package org.surrogate.bundles.matrixfactorization;
