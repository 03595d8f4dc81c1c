package org.surrogate.framework.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogIndexTest {

    private static final String SHA = "ab".repeat(32);

    private static CatalogIndex parse(String json) {
        return CatalogIndex.parse("lab/index.json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAnIndexAndWritesItBack() {
        CatalogIndex i = parse("{\"format\":1,\"name\":\"Lab\",\"bundles\":[{\"id\":\"a\",\"version\":\"1.0\","
                + "\"url\":\"a.jar\",\"sha256\":\"" + SHA.toUpperCase() + "\",\"pluginsApi\":\"[1.0,2)\","
                + "\"dependencies\":[{\"symbolicName\":\"b\",\"version\":\"[1,2)\"}]}]}");
        CatalogEntry e = i.bundles().get(0);
        assertEquals("a", e.symbolicName());
        assertEquals("1.0.0", e.version());
        assertEquals(SHA, e.sha256());
        assertEquals(List.of(new Dependency("b", "[1,2)")), e.dependencies());
        assertEquals(i, CatalogIndex.parse("again", i.toJson()));
    }

    @Test
    void aBundleWithoutSha256IsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(
                "{\"format\":1,\"bundles\":[{\"symbolicName\":\"ok\",\"version\":\"1\",\"url\":\"ok.jar\",\"sha256\":\""
                        + SHA + "\"},{\"symbolicName\":\"x\",\"version\":\"1.0.0\",\"url\":\"x.jar\"}]}"));
        assertEquals("lab/index.json: bundles[1] ('x' 1.0.0): sha256: required; a catalog must give every bundle's"
                + " SHA-256 so that the server can check what it downloads", e.getMessage());
    }

    @Test
    void badRangesVersionsAndFormatsAreNamed() {
        assertEquals("lab/index.json: bundles[0] ('x' 1.0.0): pluginsApi: '[2,1)x' is not an OSGi version range"
                + " (such as [1.0,2) for 1.0 up to but excluding 2, or 1.0 for 1.0 and later)",
                assertThrows(IllegalArgumentException.class, () -> parse("{\"format\":1,\"bundles\":[{\"symbolicName\":"
                        + "\"x\",\"version\":\"1.0.0\",\"url\":\"x.jar\",\"sha256\":\"" + SHA
                        + "\",\"pluginsApi\":\"[2,1)x\"}]}")).getMessage());
        assertEquals("lab/index.json: format: this server reads catalog index format 1, found 7",
                assertThrows(IllegalArgumentException.class, () -> parse("{\"format\":7,\"bundles\":[]}"))
                        .getMessage());
        assertEquals("lab/index.json: bundles[1] ('x' 1): bundle 'x' 1.0.0 is listed twice (also bundles[0])",
                assertThrows(IllegalArgumentException.class, () -> parse("{\"format\":1,\"bundles\":["
                        + "{\"symbolicName\":\"x\",\"version\":\"1\",\"url\":\"x.jar\",\"sha256\":\"" + SHA + "\"},"
                        + "{\"symbolicName\":\"x\",\"version\":\"1\",\"url\":\"y.jar\",\"sha256\":\"" + SHA + "\"}]}"))
                        .getMessage());
    }
}
