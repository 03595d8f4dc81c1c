package org.surrogate.framework.experiments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.plugin.Plugin;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.protocol.SlotSpec;
import org.surrogate.framework.plugins.PluginInfo;
import org.surrogate.framework.plugins.PluginRegistry;

/** A registry of descriptors only, with the schemas of the real bundles that the tests need. */
public final class FakeRegistry implements PluginRegistry {

    private final List<PluginInfo> plugins = new ArrayList<>();

    public static FakeRegistry standard() {
        FakeRegistry r = new FakeRegistry();
        r.add("holdout", PluginKind.PROTOCOL, ParamSchema.EMPTY, List.of(
                SlotSpec.optional("data", PluginKind.GENERATOR, ""),
                SlotSpec.optional("dataset", PluginKind.DATASET_SOURCE, ""),
                SlotSpec.one("split", PluginKind.SPLITTER, ""),
                SlotSpec.oneOrMore("recommenders", PluginKind.RECOMMENDER, ""),
                SlotSpec.oneOrMore("evaluators", PluginKind.EVALUATOR, "")));
        r.add("movielens-100k", PluginKind.DATASET_SOURCE,
                ParamSchema.of(ParamSpec.stringParam("path").required().build()), List.of());
        r.add("known-preference", PluginKind.GENERATOR, ParamSchema.of(
                ParamSpec.intParam("numUsers").defaultValue(1000).range(1, 50_000_000).build(),
                ParamSpec.doubleParam("popularitySkew").defaultValue(1.0).range(0, 10).build()), List.of());
        r.add("random-holdout", PluginKind.SPLITTER, ParamSchema.of(
                ParamSpec.doubleParam("testFraction").openRange(0, 1).defaultValue(0.2).build(),
                ParamSpec.intParam("minInteractions").min(2).defaultValue(2).build()), List.of());
        r.add("k-fold", PluginKind.SPLITTER,
                ParamSchema.of(ParamSpec.intParam("folds").min(2).defaultValue(5).build()), List.of());
        r.add("popularity", PluginKind.RECOMMENDER,
                ParamSchema.of(ParamSpec.doubleParam("minValue").defaultValue(0.0).build()), List.of());
        r.add("item-knn", PluginKind.RECOMMENDER, ParamSchema.of(
                ParamSpec.intParam("neighbors").defaultValue(100).min(1).build(),
                ParamSpec.doubleParam("shrinkage").defaultValue(10.0).min(0).build()), List.of());
        r.add("ease", PluginKind.RECOMMENDER,
                ParamSchema.of(ParamSpec.doubleParam("lambda").defaultValue(500.0).greaterThan(0).build()), List.of());
        r.add("als", PluginKind.RECOMMENDER, ParamSchema.of(
                ParamSpec.intParam("factors").defaultValue(64).range(1, 10_000).build(),
                ParamSpec.doubleParam("regularization").defaultValue(1.0).min(0).build()), List.of());
        r.add("bpr", PluginKind.RECOMMENDER, ParamSchema.of(
                ParamSpec.intParam("factors").defaultValue(64).range(1, 10_000).build(),
                ParamSpec.doubleParam("learningRate").defaultValue(0.05).greaterThan(0).build()), List.of());
        r.add("ranking-metrics", PluginKind.EVALUATOR,
                ParamSchema.of(ParamSpec.intListParam("ks").defaultValue(List.of(10, 20)).min(1).build()), List.of());
        return r;
    }

    public void add(String id, PluginKind kind, ParamSchema schema, List<SlotSpec> slots) {
        plugins.add(new PluginInfo(id, kind, "1.2.0", "test." + id, plugins.size() + 1, id, "", null, schema, slots));
        plugins.sort(Comparator.comparing(PluginInfo::kind).thenComparing(PluginInfo::id));
    }

    @Override
    public List<PluginInfo> list() {
        return List.copyOf(plugins);
    }

    @Override
    public Optional<PluginInfo> find(String id) {
        return plugins.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    @Override
    public Optional<Plugin> instance(String id) {
        return Optional.empty();
    }

    @Override
    public List<String> problems() {
        return List.of();
    }
}
