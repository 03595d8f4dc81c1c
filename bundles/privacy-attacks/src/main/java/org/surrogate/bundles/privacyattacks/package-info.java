/**
 * Membership inference attacks against a synthetic dataset: {@code mia-dcr} (distance to the closest
 * synthetic record) and {@code mia-shadow} (a logistic-regression attack on distance features, trained on
 * records of known membership). Both read their data by the convention of {@link MembershipData}: input
 * {@code train} is the synthetic dataset, {@code test} the members (the real users the generator or mechanism
 * was fitted on) and {@code foldIn} the non-members (held-out real users of the same population). Private to
 * the bundle.
 */
package org.surrogate.bundles.privacyattacks;
