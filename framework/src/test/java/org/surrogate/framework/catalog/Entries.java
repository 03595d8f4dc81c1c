package org.surrogate.framework.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds catalog entries and offers for tests. */
final class Entries {

    static final CatalogLocation LAB = new CatalogLocation("lab", "/tmp/lab-catalog", java.time.Instant.EPOCH, null);

    private Entries() {
    }

    /** The fake jar content of a bundle version, so its checksum is known. */
    static byte[] jar(String bsn, String version) {
        return (bsn + "@" + version).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An entry whose sha256 is that of {@link #jar}; deps as "bsn range" strings.
     */
    static CatalogEntry entry(String bsn, String version, String api, String... deps) {
        List<Dependency> d = new ArrayList<>();
        for (String s : deps) {
            int sp = s.indexOf(' ');
            d.add(sp < 0 ? new Dependency(s, null) : new Dependency(s.substring(0, sp), s.substring(sp + 1)));
        }
        return new CatalogEntry(bsn, version, null, null, List.of("recommender"), List.of(), null, api,
                bsn + "-" + version + ".jar", null, CatalogInstaller.sha256(jar(bsn, version)), d);
    }

    static Offer offer(CatalogEntry e) {
        return new Offer(LAB, e);
    }

    static List<Offer> offers(CatalogEntry... entries) {
        List<Offer> out = new ArrayList<>();
        for (CatalogEntry e : entries) {
            out.add(offer(e));
        }
        return out;
    }
}
