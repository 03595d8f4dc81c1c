/**
 * RecSimu (Zhao et al., "Toward Simulating Environments in Reinforcement Learning Based
 * Recommendations", AAAI 2020): a GAN user simulator whose discriminator predicts a user's feedback
 * type to a recommended item from the user's recent history, its baselines (random, logistic
 * regression, a supervised GRU classifier, a GAN and a supervised GAN over feedback) as Simulator
 * plugins, and the {@code simulator-accuracy} protocol that scores them on held-out logs.
 * Implementation only; nothing here is exported.
 */
package org.surrogate.bundles.recsimu;
