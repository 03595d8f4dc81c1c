package org.surrogate.bundles.sequential.anchor;

import java.util.List;
import org.surrogate.bundles.sequential.Gru4RecRecommender;
import org.surrogate.bundles.sequential.NarmRecommender;
import org.surrogate.bundles.sequential.SasrecRecommender;
import org.surrogate.bundles.sequential.StampRecommender;

/**
 * New instances of this bundle's anchor recommenders by plugin id, for plugins that train a sequence
 * model of their own (a CASR sampler used outside its protocol):
 * <pre>{@code
 * AnchorRecommender narm = SequenceAnchors.create("narm");
 * SequenceAnchor s = narm.fit(train, narm.descriptor().params().validate(Map.of("epochs", 5), "sampler"), ctx);
 * }</pre>
 */
public final class SequenceAnchors {

    /** The ids {@link #create} knows, in display order. */
    public static final List<String> IDS = List.of(NarmRecommender.ID, SasrecRecommender.ID, StampRecommender.ID,
            Gru4RecRecommender.ID);

    private SequenceAnchors() {
    }

    /**
     * A new recommender.
     *
     * @param id one of {@link #IDS}
     * @return the recommender
     * @throws IllegalArgumentException naming the id and the known ones
     */
    public static AnchorRecommender create(String id) {
        return switch (id) {
            case NarmRecommender.ID -> new NarmRecommender();
            case SasrecRecommender.ID -> new SasrecRecommender();
            case StampRecommender.ID -> new StampRecommender();
            case Gru4RecRecommender.ID -> new Gru4RecRecommender();
            default -> throw new IllegalArgumentException("unknown sequence anchor '" + id + "'; expected one of "
                    + IDS);
        };
    }
}
