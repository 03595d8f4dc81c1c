/**
 * Autoencoder recommenders for implicit feedback: Mult-VAE and Mult-DAE (Liang, Krishnan, Hoffman
 * and Jebara, Variational Autoencoders for Collaborative Filtering, WWW 2018). Both are defined as
 * SameDiff graphs, trained on the CPU with a hand-written ND4J forward and backward pass checked
 * against SameDiff's gradients, and score users by folding in their interaction history, so that they rank
 * items for training users and for users never seen in training alike. This package is private to
 * its bundle.
 */
package org.surrogate.bundles.autoencoders;
