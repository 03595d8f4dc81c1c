package org.surrogate.framework.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.surrogate.framework.catalog.Entries.entry;
import static org.surrogate.framework.catalog.Entries.offers;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

class ResolverTest {

    private static final Version API = Version.parseVersion("1.1.0");

    private static List<String> steps(Plan p) {
        return p.steps().stream().map(s -> s.action() + " " + s.symbolicName() + " " + s.version()
                + (s.fromVersion() == null ? "" : " from " + s.fromVersion())).toList();
    }

    private static Plan resolve(List<Offer> offers, Map<String, String> installed, String... requests) {
        return new Resolver(offers, installed, API).resolve(java.util.Arrays.stream(requests)
                .map(BundleRequest::parse).toList());
    }

    @Test
    void picksTheNewestMatchingVersionsTransitivelyDependenciesFirst() {
        List<Offer> o = offers(
                entry("a", "1.0.0", "[1.0,2)", "b [1.0,2)"),
                entry("a", "1.2.0", "[1.0,2)", "b [1.1,2)"),
                entry("b", "1.0.0", "[1.0,2)"),
                entry("b", "1.1.0", "[1.0,2)", "c 2.0"),
                entry("b", "1.5.0", "[1.0,2)", "c 2.0"),
                entry("b", "2.0.0", "[1.0,2)"),
                entry("c", "2.0.0", null),
                entry("c", "3.1.0", null));
        assertEquals(List.of("INSTALL c 3.1.0", "INSTALL b 1.5.0", "INSTALL a 1.2.0"), steps(resolve(o, Map.of(), "a")));
        // An exact version of the root; its dependencies still take the newest in their ranges.
        assertEquals(List.of("INSTALL c 3.1.0", "INSTALL b 1.5.0", "INSTALL a 1.0.0"),
                steps(resolve(o, Map.of(), "a@1.0.0")));
    }

    @Test
    void keepsAnInstalledDependencyThatSatisfiesTheRangeAndUpdatesOneThatDoesNot() {
        List<Offer> o = offers(entry("a", "1.0.0", null, "b [1.0,2)"), entry("b", "1.0.0", null),
                entry("b", "1.4.0", null), entry("x", "1.0.0", null, "b [1.2,2)"));
        assertEquals(List.of("INSTALL a 1.0.0"), steps(resolve(o, Map.of("b", "1.0.0"), "a")));
        assertEquals(List.of("UPDATE b 1.4.0 from 1.0.0", "INSTALL x 1.0.0"),
                steps(resolve(o, Map.of("b", "1.0.0"), "x")));
    }

    @Test
    void aMissingDependencyIsNamedWithWhoNeedsIt() {
        List<Offer> o = offers(entry("a", "1.0.0", null, "b [1.0,2)"), entry("b", "1.0.0", null, "c [2.0,3)"));
        ResolutionException e = assertThrows(ResolutionException.class, () -> resolve(o, Map.of(), "a"));
        assertEquals("'b' 1.0.0 depends on bundle 'c' [2.0.0,3.0.0), which no catalog offers (catalogs: lab)",
                e.getMessage());
    }

    @Test
    void aDependencyWithNoVersionInItsRangeSaysWhatIsOffered() {
        List<Offer> o = offers(entry("a", "1.0.0", null, "b [2.0,3)"), entry("b", "1.0.0", null),
                entry("b", "3.0.0", null));
        ResolutionException e = assertThrows(ResolutionException.class, () -> resolve(o, Map.of(), "a"));
        assertEquals("'a' 1.0.0 depends on bundle 'b' [2.0.0,3.0.0), but no catalog offers a version in that range"
                + " (offered: 3.0.0, 1.0.0)", e.getMessage());
    }

    @Test
    void aVersionConflictNamesBothRanges() {
        List<Offer> o = offers(entry("app", "1.0.0", null, "x [1.0,2)", "y [1.0,2)"),
                entry("x", "1.0.0", null, "lib [1.0,2)"), entry("y", "1.0.0", null, "lib [2.0,3)"),
                entry("lib", "1.5.0", null), entry("lib", "2.5.0", null));
        ResolutionException e = assertThrows(ResolutionException.class, () -> resolve(o, Map.of(), "app"));
        assertEquals("version conflict on bundle 'lib': 'y' 1.0.0 needs [2.0.0,3.0.0); 'x' 1.0.0 needs [1.0.0,2.0.0);"
                + " no version satisfies all of them (offered: 2.5.0, 1.5.0)", e.getMessage());
    }

    @Test
    void aLaterRangeNarrowsAnEarlierChoiceInsteadOfFailing() {
        // x takes lib's newest (1.9), y then needs lib below 1.5: start over and choose 1.4 for both.
        List<Offer> o = offers(entry("app", "1.0.0", null, "x 1.0", "y 1.0"),
                entry("x", "1.0.0", null, "lib [1.0,2)"), entry("y", "1.0.0", null, "lib [1.0,1.5)"),
                entry("lib", "1.4.0", null), entry("lib", "1.9.0", null));
        assertEquals(List.of("INSTALL lib 1.4.0", "INSTALL x 1.0.0", "INSTALL y 1.0.0", "INSTALL app 1.0.0"),
                steps(resolve(o, Map.of(), "app")));
    }

    @Test
    void aCycleIsRefusedWithItsPath() {
        List<Offer> o = offers(entry("a", "1.0.0", null, "b 1.0"), entry("b", "1.0.0", null, "c 1.0"),
                entry("c", "1.0.0", null, "a 1.0"));
        ResolutionException e = assertThrows(ResolutionException.class, () -> resolve(o, Map.of(), "a"));
        assertEquals("dependency cycle: 'a' 1.0.0 -> 'b' 1.0.0 -> 'c' 1.0.0 -> 'a' 1.0.0; bundles are installed one"
                + " at a time, dependencies first, so a cycle cannot be installed", e.getMessage());
    }

    @Test
    void aPluginsApiRangeThisServerIsNotInIsRefused() {
        List<Offer> o = offers(entry("a", "1.0.0", "[1.0,2)"), entry("a", "2.0.0", "[2.0,3)"),
                entry("only2", "1.0.0", "[2.0,3)"));
        ResolutionException e = assertThrows(ResolutionException.class, () -> resolve(o, Map.of(), "a@2.0.0"));
        assertEquals("bundle 'a' 2.0.0 needs plugins-api [2.0,3), but this server has plugins-api 1.1.0; not installed",
                e.getMessage());
        assertEquals(List.of("INSTALL a 1.0.0"), steps(resolve(o, Map.of(), "a")), "the newest that fits");
        e = assertThrows(ResolutionException.class, () -> resolve(o, Map.of(), "only2"));
        assertEquals("no version of bundle 'only2' fits this server's plugins-api 1.1.0: 1.0.0 needs plugins-api"
                + " [2.0,3); not installed", e.getMessage());
    }

    @Test
    void anUnknownBundleOrVersionIsNamed() {
        List<Offer> o = offers(entry("a", "1.0.0", null));
        assertEquals("no catalog offers bundle 'zzz' (catalogs: lab)",
                assertThrows(ResolutionException.class, () -> resolve(o, Map.of(), "zzz")).getMessage());
        assertEquals("no catalog offers bundle 'a' 9.0.0; offered: 1.0.0",
                assertThrows(ResolutionException.class, () -> resolve(o, Map.of(), "a@9.0.0")).getMessage());
    }

    @Test
    void anUpdateThatWouldBreakAnInstalledDependentIsRefused() {
        List<Offer> o = offers(entry("lib", "1.0.0", null), entry("lib", "2.0.0", null),
                entry("user", "1.0.0", null, "lib [1.0,2)"));
        // Updating lib alone would choose 2.0.0; the installed user needs [1,2): lib stays where it is.
        assertEquals(List.of(), steps(resolve(o, Map.of("lib", "1.0.0", "user", "1.0.0"), "lib")));
        ResolutionException e = assertThrows(ResolutionException.class,
                () -> resolve(o, Map.of("lib", "1.0.0", "user", "1.0.0"), "lib@2.0.0"));
        assertEquals("version conflict on bundle 'lib': 2.0.0 was requested, but installed bundle 'user' 1.0.0 needs"
                + " [1.0.0,2.0.0)", e.getMessage());
    }

    @Test
    void anAlreadyInstalledRequestAtItsNewestVersionIsNoStep() {
        List<Offer> o = offers(entry("a", "1.0.0", null));
        assertEquals(List.of(), steps(resolve(o, Map.of("a", "1.0.0"), "a")));
    }
}
