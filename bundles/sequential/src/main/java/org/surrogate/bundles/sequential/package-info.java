/**
 * Sequential recommenders 'fpmc' (Rendle et al. 2010), 'gru4rec' (Hidasi et al. 2016), 'narm'
 * (Li et al. 2017), 'stamp' (Liu et al. 2018) and 'sasrec' (Kang and McAuley 2018): models that score
 * the next item from a user's time-ordered history. FPMC is trained by SGD on plain float arrays;
 * the others are SameDiff graphs trained with Adam. Implementation only, not exported; the one
 * exported package is {@link org.surrogate.bundles.sequential.anchor} (what CASR's samplers need
 * from the neural models).
 */
package org.surrogate.bundles.sequential;
