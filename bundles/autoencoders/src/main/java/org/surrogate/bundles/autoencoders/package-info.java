/**
 * Autoencoder recommenders for implicit feedback: Mult-VAE and Mult-DAE (Liang, Krishnan, Hoffman
 * and Jebara, Variational Autoencoders for Collaborative Filtering, WWW 2018). Both are defined as
 * SameDiff graphs, trained on the CPU with a hand-written ND4J forward and backward pass checked
 * against SameDiff's gradients, and score users by folding in their interaction history, so that they rank
 * items for training users and for users never seen in training alike. CF-SFL (Wang et al.,
 * Collaborative Filtering with A Synthetic Feedback Loop) trains Mult-VAE jointly with a virtual user
 * (reward estimator and feedback generator) unrolled T steps ({@code cf-sfl}); the virtual user of a
 * trained CF-SFL is also a simulator on its own ({@code cf-sfl-user}). This package is private to
 * its bundle.
 */
package org.surrogate.bundles.autoencoders;
