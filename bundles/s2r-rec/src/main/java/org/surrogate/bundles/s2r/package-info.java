/**
 * S2R-Rec (Wu et al., "Sim-to-Real Interactive Recommendation via Off-Dynamics Reinforcement
 * Learning"): sim/real environments replayed from ratings, the DQN agent with dynamics and
 * representation adaptation, the MF and DARec baselines and the {@code sim-to-real} protocol.
 * Nothing here is exported.
 */
package org.surrogate.bundles.s2r;
