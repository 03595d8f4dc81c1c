package org.surrogate.framework.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.surrogate.framework.catalog.Entries.entry;
import static org.surrogate.framework.catalog.Entries.offers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;
import org.surrogate.framework.bundles.BundleRejectedException;

/** Installing a plan as one change: checksums first, then steps, undone as a whole on a failure. */
class CatalogInstallerTest {

    @TempDir
    Path store;
    private FakeBundles bundles;
    private List<Offer> offers;

    @BeforeEach
    void setUp() throws Exception {
        bundles = new FakeBundles(store);
        bundles.preinstall("a", "1.0.0");
        offers = offers(entry("a", "2.0.0", null), entry("b", "1.0.0", null),
                entry("c", "1.0.0", null, "a [2.0,3)", "b 1.0"));
    }

    private Plan plan() {
        return new Resolver(offers, Map.of("a", "1.0.0"), Version.parseVersion("1.1.0"))
                .resolve(List.of(BundleRequest.parse("c")));
    }

    @Test
    void installsEveryStepWithItsCatalogAsSource() throws Exception {
        new CatalogInstaller(bundles, store).apply(plan(), s -> Entries.jar(s.symbolicName(), s.version()));
        assertEquals(Map.of("a", "2.0.0 catalog:lab", "b", "1.0.0 catalog:lab", "c", "1.0.0 catalog:lab"),
                bundles.versions());
    }

    @Test
    void aWrongChecksumOfTheSecondOfThreeChangesNothing() {
        Map<String, String> before = bundles.versions();
        BundleRejectedException e = assertThrows(BundleRejectedException.class,
                () -> new CatalogInstaller(bundles, store).apply(plan(), s -> s.symbolicName().equals("b")
                        ? "tampered".getBytes(StandardCharsets.UTF_8) : Entries.jar(s.symbolicName(), s.version())));
        assertEquals("catalog 'lab': bundle 'b' 1.0.0 (b-1.0.0.jar): its sha256 is "
                + CatalogInstaller.sha256("tampered".getBytes(StandardCharsets.UTF_8)) + ", but the catalog says "
                + CatalogInstaller.sha256(Entries.jar("b", "1.0.0")) + "; nothing was installed or updated",
                e.getMessage());
        assertEquals(before, bundles.versions());
        assertEquals(List.of(), bundles.calls, "no bundle was touched");
    }

    @Test
    void aRefusedThirdBundleUndoesTheFirstTwoAndRestoresThePreviousVersion() {
        bundles.refuse.add("c@1.0.0");
        Map<String, String> before = bundles.versions();
        BundleRejectedException e = assertThrows(BundleRejectedException.class,
                () -> new CatalogInstaller(bundles, store).apply(plan(), s -> Entries.jar(s.symbolicName(),
                        s.version())));
        assertEquals("installing from the catalogs failed at step 3 of 3 (install bundle 'c' 1.0.0 from catalog"
                + " 'lab'): 'c-1.0.0.jar' (bundle 'c' 1.0.0) cannot start: test refusal; rolled back: 'b' uninstalled,"
                + " 'a' restored to 1.0.0", e.getMessage());
        assertEquals(before, bundles.versions(), "the installed set is what it was, sources included");
        assertTrue(bundles.calls.get(bundles.calls.size() - 1).startsWith("update a a-1.0.0.jar"), bundles.calls.toString());
    }
}
