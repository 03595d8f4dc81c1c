package org.surrogate.bundles.sequential.anchor;

/**
 * What {@link SequenceAnchor#probe} answers.
 *
 * @param logits       per history, the scores of every item as its next item (N values)
 * @param losses       per history, its cross-entropy loss against its target, or null without targets
 * @param rowGradients per history, the gradient of its loss with respect to its replacement vector
 *                     (E values; null where nothing was replaced), or null without targets
 */
public record ProbeResult(float[][] logits, double[] losses, float[][] rowGradients) {
}
