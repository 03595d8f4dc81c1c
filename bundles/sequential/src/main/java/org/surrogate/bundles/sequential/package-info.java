/**
 * Sequential recommenders 'fpmc' (Rendle et al. 2010), 'gru4rec' (Hidasi et al. 2016) and 'narm'
 * (Li et al. 2017): models that score the next item from a user's time-ordered history. FPMC is
 * trained by SGD on plain float arrays; GRU4Rec and NARM are SameDiff graphs trained with Adam.
 * Implementation only; nothing here is exported.
 */
package org.surrogate.bundles.sequential;
