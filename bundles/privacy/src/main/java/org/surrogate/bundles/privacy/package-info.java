/**
 * Privacy mechanisms (survey section 2.2, "differential privacy by input perturbation"): Laplace and
 * Gaussian noise on rating values ({@code laplace-ratings}, {@code gaussian-ratings}), randomized response
 * on the cells of the implicit-feedback matrix ({@code randomized-response}) and user subsampling as a
 * privacy amplification step ({@code user-subsampling}). Each states the unit it protects and its
 * (epsilon, delta) accounting in its descriptor and in the {@link org.surrogate.api.privacy.PrivacyGuarantee}
 * it returns. Private to the bundle.
 */
package org.surrogate.bundles.privacy;
