/**
 * What the sequential bundle's neural next-item models offer beyond {@link org.surrogate.api.recommender.Model},
 * for plugins that work <em>inside</em> a sequence model, such as CASR's counterfactual samplers
 * (Wang et al., SIGIR 2021): the item embeddings, the next-item scores and the loss gradient with
 * respect to one input step replaced by an arbitrary vector (a "virtual item"), and training on real
 * sequences plus extra samples whose loss is taken at their last step only.
 *
 * <p>Exported (the one package of the sequential bundle that is), version 1.0.0; everything else in
 * the bundle is private. Models of {@code gru4rec}, {@code narm}, {@code stamp} and {@code sasrec}
 * implement {@link org.surrogate.bundles.sequential.anchor.SequenceAnchor}; those recommenders
 * implement {@link org.surrogate.bundles.sequential.anchor.AnchorRecommender}.
 */
@Export
@Version("1.0.0")
package org.surrogate.bundles.sequential.anchor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
