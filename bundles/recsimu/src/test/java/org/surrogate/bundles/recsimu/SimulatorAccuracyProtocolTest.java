package org.surrogate.bundles.recsimu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetSource;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.Plugin;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.protocol.Configured;
import org.surrogate.api.protocol.Trial;
import org.surrogate.api.run.RunContext;
import org.surrogate.testkit.RecordingRunContext;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SimulatorAccuracyProtocolTest {

    /** A source handing out a fixed dataset. */
    static final class FixedSource implements DatasetSource {
        private final Dataset data;

        FixedSource(Dataset data) {
            this.data = data;
        }

        @Override
        public PluginDescriptor descriptor() {
            return new PluginDescriptor("fixed", PluginKind.DATASET_SOURCE, "Fixed", "A fixed dataset.", null,
                    ParamSchema.EMPTY);
        }

        @Override
        public Dataset load(Params params, RunContext ctx) {
            return data;
        }
    }

    static final class FakeTrial implements Trial {
        private final Params params;
        private final Map<String, List<Configured<?>>> slots = new LinkedHashMap<>();

        FakeTrial(Map<String, ?> protocolParams) {
            this.params = SimulatorAccuracyProtocol.DESCRIPTOR.params().validate(protocolParams, "");
        }

        FakeTrial with(String slot, Plugin plugin, Map<String, Object> values) {
            Params p = plugin.descriptor().params().validate(values, plugin.descriptor().id());
            slots.computeIfAbsent(slot, k -> new ArrayList<>()).add(new Configured<>(plugin, p,
                    plugin.descriptor().id()));
            return this;
        }

        @Override
        public Params params() {
            return params;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends Plugin> List<Configured<T>> slot(String slot, Class<T> type) {
            List<Configured<T>> out = new ArrayList<>();
            for (Configured<?> c : slots.getOrDefault(slot, List.of())) {
                out.add((Configured<T>) c);
            }
            return out;
        }
    }

    private static Map<String, Object> protocolParams() {
        return Map.of("historyLength", 8, "minHistory", 4, "testFraction", 0.25, "resamples", 50, "cutoff", 10);
    }

    @Test
    void scoresEverySimulatorWithIntervalsAndTheOffPolicyCheck() throws Exception {
        ClusterWorld w = new ClusterWorld(200, 80, 4, 24, 0.9, 0.1, 9);
        FakeTrial trial = new FakeTrial(protocolParams()).with("dataset", new FixedSource(w.data), Map.of());
        List<FeedbackSimulator> sims = List.of(new RandomSimulator(), new LrSimulator(), new RecSimuSimulator());
        for (FeedbackSimulator s : sims) {
            Map<String, Object> q = RecSimuSimulatorTest.quick(s);
            q.put("valueCuts", List.of(99.0)); // the protocol's mapping must override this
            trial.with("simulators", s, q);
        }
        RecordingRunContext ctx = new RecordingRunContext(3);
        new SimulatorAccuracyProtocol().run(trial, ctx);
        Map<String, Double> r = ctx.results;
        for (String label : List.of("sim-random", "sim-lr", "recsimu")) {
            for (String m : List.of("auc", "f1", "accuracy")) {
                double v = r.get(label + "/" + m);
                assertTrue(r.get(label + "/" + m + ".lower") <= v && v <= r.get(label + "/" + m + ".upper"),
                        label + "/" + m);
            }
            assertTrue(r.containsKey(label + "/ope/mean_abs_error"), label);
        }
        assertTrue(r.containsKey("recsimu/map@10") && r.containsKey("popularity/ndcg@10"));
        assertTrue(r.containsKey("ope/pop1/snips") && r.containsKey("ope/pop0.5/ips"));
        // With the logging policy itself (t = 1) as target, SNIPS is the mean logged reward.
        assertEquals(r.get("ope/logged/reward"), r.get("ope/pop1/snips"), 1e-9);
        String csv = ctx.artifacts.get("simulator-accuracy.csv").toString(StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("label,metric,estimate,lower,upper\n") && csv.contains("recsimu,auc,"), csv);
        assertTrue(ctx.metrics.containsKey("recsimu/d_loss"), ctx.metrics.keySet().toString());
    }

    @Test
    void writesLossCurvesAndScoresAsSvgWithOneSeriesPerSimulator() throws Exception {
        ClusterWorld w = new ClusterWorld(120, 60, 4, 20, 0.9, 0.1, 5);
        FakeTrial trial = new FakeTrial(protocolParams()).with("dataset", new FixedSource(w.data), Map.of());
        List<FeedbackSimulator> sims = List.of(new RandomSimulator(), new LrSimulator(), new GruSimulator(),
                new GanSimulator(), new RecSimuSimulator());
        for (FeedbackSimulator s : sims) {
            Map<String, Object> q = RecSimuSimulatorTest.quick(s);
            if (q.containsKey("epochs")) {
                q.put("epochs", 2);
            }
            trial.with("simulators", s, q);
        }
        RecordingRunContext ctx = new RecordingRunContext(4);
        new SimulatorAccuracyProtocol().run(trial, ctx);

        assertSeries(ctx, "simulator-accuracy-loss-discriminator.svg", List.of("sim-gan", "recsimu"));
        assertSeries(ctx, "simulator-accuracy-loss-generator.svg", List.of("sim-gan", "recsimu"));
        assertSeries(ctx, "simulator-accuracy-loss-classifier.svg", List.of("sim-lr", "sim-gru"));
        assertSeries(ctx, "simulator-accuracy-loss-recsimu.svg", List.of("pretrain/g_sup", "pretrain/d_sup",
                "d_loss", "d_unsup", "d_sup", "g_loss", "g_unsup", "g_sup"));
        Document scores = assertSeries(ctx, "simulator-accuracy-scores.svg", List.of("auc", "f1"));
        List<String> texts = texts(scores);
        for (String label : List.of("sim-random", "sim-lr", "sim-gru", "sim-gan", "recsimu")) {
            assertTrue(texts.contains(label), "category " + label + " in " + texts);
        }
        // Two markers (AUC, F1) with an error bar each per simulator.
        assertEquals(10, count(scores, "errorbar"));
        // The random simulator logs no curve, so it is in no loss chart; no other chart is written.
        assertEquals(5, ctx.artifacts.keySet().stream().filter(n -> n.endsWith(".svg")).count(),
                ctx.artifacts.keySet().toString());
        // Each curve has one point per logged step: the chart's markers equal the recorded metric points.
        Document d = parse(ctx, "simulator-accuracy-loss-discriminator.svg");
        int logged = ctx.metrics.get("sim-gan/d_loss").size() + ctx.metrics.get("recsimu/d_loss").size();
        assertEquals(logged, count(d, "point"));
    }

    /** Parses the artifact as XML, checks the SVG root and that its series are exactly the names given. */
    private static Document assertSeries(RecordingRunContext ctx, String name, List<String> series)
            throws Exception {
        Document doc = parse(ctx, name);
        assertEquals("svg", doc.getDocumentElement().getTagName(), name);
        assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI(), name);
        assertEquals(series.size(), count(doc, "series"), name);
        List<String> texts = texts(doc);
        for (String s : series) {
            assertTrue(texts.contains(s), name + ": legend entry " + s + " in " + texts);
        }
        return doc;
    }

    private static Document parse(RecordingRunContext ctx, String name) throws Exception {
        assertTrue(ctx.artifacts.containsKey(name), name + " not in " + ctx.artifacts.keySet());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(ctx.artifacts.get(name).toByteArray()));
    }

    private static int count(Document doc, String cssClass) {
        int n = 0;
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            if (cssClass.equals(((Element) all.item(i)).getAttribute("class"))) {
                n++;
            }
        }
        return n;
    }

    private static List<String> texts(Document doc) {
        List<String> out = new ArrayList<>();
        NodeList t = doc.getElementsByTagName("text");
        for (int i = 0; i < t.getLength(); i++) {
            out.add(t.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void refusesLogsWhoseMappingGivesOneFeedbackType() {
        ClusterWorld w = new ClusterWorld(20, 16, 4, 10, 0.9, 0.1, 9);
        Map<String, Object> p = new LinkedHashMap<>(protocolParams());
        p.put("valueCuts", List.of(10.0));
        FakeTrial trial = new FakeTrial(p).with("dataset", new FixedSource(w.data), Map.of())
                .with("simulators", new RandomSimulator(), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SimulatorAccuracyProtocol().run(trial, new RecordingRunContext(1)));
        assertTrue(e.getMessage().startsWith("protocol 'simulator-accuracy': every interaction of 'cluster-world' "
                + "maps to the same feedback type"), e.getMessage());
    }
}
