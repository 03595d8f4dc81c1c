package org.surrogate.bundles.commons.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgChartTest {

    /** Parses the SVG as XML (throws when it is not well-formed). */
    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** The elements with class="point", in document order. */
    private static List<Element> points(Document doc) {
        NodeList all = doc.getElementsByTagName("*");
        java.util.ArrayList<Element> out = new java.util.ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if ("point".equals(e.getAttribute("class"))) {
                out.add(e);
            }
        }
        return out;
    }

    private static long count(String svg, String needle) {
        return (svg.length() - svg.replace(needle, "").length()) / needle.length();
    }

    @Test
    void rendersWellFormedXmlWithEveryPointAndTheLegend() throws Exception {
        String svg = SvgChart.builder("scores <real> & \"synthetic\"").xLabel("real").yLabel("synthetic").diagonal()
                .series(Series.scatter("twin", List.of(Point.of(0.1, 0.2).withLabel("als"), Point.of(0.3, 0.25))))
                .series(Series.line("chung-lu", List.of(Point.of(0.1, 0.1), Point.of(0.2, 0.3).withYError(0.25, 0.35),
                        Point.of(0.3, 0.2).withXError(0.28, 0.32))))
                .build().render();
        Document doc = parse(svg);
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
        assertEquals(5, points(doc).size(), svg);
        assertEquals(2, count(svg, "class=\"legend-marker\""));
        assertEquals(2, count(svg, "class=\"errorbar\""));
        assertTrue(svg.contains(">twin</text>") && svg.contains(">chung-lu</text>"), "legend names");
        assertTrue(svg.contains(">real</text>") && svg.contains(">synthetic</text>"), "axis labels");
        assertTrue(svg.contains("scores &lt;real&gt; &amp; &quot;synthetic&quot;"), "title escaped");
        assertTrue(svg.contains(">als</text>"), "point label");
        assertEquals(1, count(svg, "class=\"reference\""), "the diagonal");
    }

    @Test
    void pointsAreWhereTheirValuesSay() throws Exception {
        String svg = SvgChart.builder("t").xRange(0, 1).yRange(0, 1).size(480, 300)
                .series(Series.scatter("s", List.of(Point.of(0, 0), Point.of(1, 1), Point.of(0.5, 0.5)))).build().render();
        List<Element> p = points(parse(svg));
        // Plot area: x from 72 to 480 - 180 = 300, y from 300 - 58 = 242 (value 0) up to 36 (value 1).
        assertEquals(72.0, Double.parseDouble(p.get(0).getAttribute("cx")), 1e-9);
        assertEquals(242.0, Double.parseDouble(p.get(0).getAttribute("cy")), 1e-9);
        assertEquals(300.0, Double.parseDouble(p.get(1).getAttribute("cx")), 1e-9);
        assertEquals(36.0, Double.parseDouble(p.get(1).getAttribute("cy")), 1e-9);
        assertEquals(186.0, Double.parseDouble(p.get(2).getAttribute("cx")), 1e-9);
        assertEquals(139.0, Double.parseDouble(p.get(2).getAttribute("cy")), 1e-9);
    }

    @Test
    void notFinitePointsAreLeftOutCountedAndBreakTheLine() throws Exception {
        String svg = SvgChart.builder("t")
                .series(Series.line("s", List.of(Point.of(1, 1), Point.of(2, Double.NaN), Point.of(3, 2),
                        Point.of(3.5, 2.5), Point.of(Double.POSITIVE_INFINITY, 1), Point.of(4, 3).withYError(Double.NaN, 4))))
                .build().render();
        Document doc = parse(svg);
        assertEquals(4, points(doc).size());
        assertFalse(svg.contains("NaN") || svg.contains("Infinity"), svg);
        assertTrue(svg.contains("2 points not shown"), svg);
        assertEquals(0, count(svg, "class=\"errorbar\""), "a bar with a NaN bound is not drawn");
        NodeList paths = doc.getElementsByTagName("path");
        String d = ((Element) paths.item(0)).getAttribute("d");
        assertEquals(3, count(d, "M"), "each left-out point breaks the line: " + d);
        assertEquals(1, count(d, "L"), "only (3, 2)-(3.5, 2.5) are joined: " + d);
    }

    @Test
    void anEmptyOrAllNaNChartSaysNoData() throws Exception {
        String empty = SvgChart.builder("t").build().render();
        parse(empty);
        assertTrue(empty.contains("no data"));
        String nan = SvgChart.builder("t").series(Series.scatter("s", List.of(Point.of(Double.NaN, Double.NaN))))
                .build().render();
        parse(nan);
        assertTrue(nan.contains("no data") && nan.contains("1 point not shown"), nan);
        assertFalse(nan.contains("NaN"), nan);
    }

    @Test
    void aLogAxisDropsNonPositiveXAndTicksDecades() throws Exception {
        String svg = SvgChart.builder("t").logX().xLabel("epsilon")
                .series(Series.line("auc", List.of(Point.of(0, 0.5), Point.of(0.1, 0.5), Point.of(1, 0.6),
                        Point.of(10, 0.9)))).build().render();
        parse(svg);
        assertEquals(3, points(parse(svg)).size());
        assertTrue(svg.contains(">0.1</text>") && svg.contains(">1</text>") && svg.contains(">10</text>"), svg);
        assertTrue(svg.contains("or x not positive"), svg);
    }

    @Test
    void categoriesLabelTheXAxis() throws Exception {
        String svg = SvgChart.builder("t").xCategories(List.of("twin", "chung-lu & co")).yRange(-1, 1).hLine(0)
                .series(Series.scatter("ndcg@10", List.of(Point.of(0, 0.6).withYError(0.4, 0.8), Point.of(1, 0.1))))
                .build().render();
        parse(svg);
        assertTrue(svg.contains(">twin</text>") && svg.contains(">chung-lu &amp; co</text>"), svg);
        assertEquals(1, count(svg, "class=\"reference\""));
    }

    @Test
    void controlCharactersAreDroppedFromText() throws Exception {
        String svg = SvgChart.builder("bad\u0001title").series(Series.scatter("s\u0007", List.of(Point.of(1, 1))))
                .build().render();
        parse(svg);
        assertTrue(svg.contains(">badtitle</text>"));
    }

    @Test
    void aLongTitleIsSetSmaller() {
        String shortTitle = SvgChart.builder("short").build().render();
        String longTitle = SvgChart.builder("x".repeat(150)).build().render();
        assertTrue(shortTitle.contains("font-size=\"14.0\">short</text>"), shortTitle);
        assertTrue(longTitle.contains("font-size=\"8.0\">xxx"), longTitle);
    }

    @Test
    void badArgumentsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SvgChart.builder("t").yRange(1, 0));
        assertEquals("yRange must be finite with lo < hi, found [1.0, 0.0]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Series.scatter(" ", List.of()));
        assertEquals("series name must not be blank", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SvgChart.builder("t").logX().xRange(0, 1).build());
        assertEquals("xRange must be positive on a log x axis, found [0.0, 1.0]", e.getMessage());
    }
}
