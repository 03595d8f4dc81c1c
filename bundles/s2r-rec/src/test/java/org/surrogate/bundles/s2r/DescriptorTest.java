package org.surrogate.bundles.s2r;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.surrogate.api.plugin.PluginDescriptor;

class DescriptorTest {

    @Test
    void everyPluginHasAValidDescriptorWithDefaults() {
        List<PluginDescriptor> all = List.of(GenreSplitSimulator.DESCRIPTOR, GapWorldSimulator.DESCRIPTOR,
                S2rRecRecommender.DESCRIPTOR, MfBaseline.DESCRIPTOR, DarecBaseline.DESCRIPTOR,
                SimToRealProtocol.DESCRIPTOR);
        List<String> ids = all.stream().map(PluginDescriptor::id).toList();
        assertEquals(List.of("s2r-genre-split", "s2r-known-preference-gap", "s2r-rec", "s2r-mf", "s2r-darec",
                "sim-to-real"), ids);
        for (PluginDescriptor d : all) {
            if (!d.id().equals("s2r-genre-split")) {
                d.params().defaults();
            }
        }
    }
}
