package org.surrogate.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;

/**
 * Turns a {@link RunRecord} (and its curves) into a Lucene document: the field layout of the index.
 *
 * <p>A parameter name is numeric or keyword for the whole index, because Lucene requires one
 * schema per field name: the first value indexed under a name decides. A later number under a
 * keyword name is indexed as its text; a later string under a numeric name is not indexed (it
 * stays in the stored record).
 */
final class RunDocuments {

    static final String ID = "id";
    static final String JSON = "json";
    static final String TEXT = "text";
    static final String PROTOCOL = "protocol";
    static final String PLUGIN = "plugin";
    static final String DATASET = "dataset";
    static final String STATUS = "status";
    static final String USER = "user";
    static final String TAG = "tag";
    static final String EXPERIMENT = "experiment";
    static final String FINGERPRINT = "fingerprint";
    static final String CREATED = "created";
    static final String STARTED = "started";
    static final String ENDED = "ended";
    static final String SEED = "seed";
    static final String PARAM_PREFIX = "param.";
    static final String METRIC_PREFIX = "metric.";

    /** The dimensions that can be faceted. */
    static final List<String> FACETS = List.of(PROTOCOL, PLUGIN, DATASET, STATUS, USER, TAG);
    /** Keyword fields that also carry sorted doc values, so results can be sorted by them. */
    static final Set<String> SORTABLE_KEYWORDS = Set.of(ID, PROTOCOL, STATUS, USER, EXPERIMENT);
    /** Long-valued fields (epoch milliseconds for the times). */
    static final Set<String> LONG_FIELDS = Set.of(CREATED, STARTED, ENDED, SEED);

    enum Kind { NUMERIC, KEYWORD }

    private final FacetsConfig facetsConfig;
    private final ObjectMapper mapper;
    private final ConcurrentMap<String, Kind> paramKinds = new ConcurrentHashMap<>();

    RunDocuments(FacetsConfig facetsConfig, ObjectMapper mapper) {
        this.facetsConfig = facetsConfig;
        this.mapper = mapper;
    }

    static FacetsConfig newFacetsConfig() {
        FacetsConfig c = new FacetsConfig();
        c.setMultiValued(PLUGIN, true);
        c.setMultiValued(TAG, true);
        return c;
    }

    /** Learns the kind of every parameter field already in the index. */
    void learnKinds(Iterable<FieldInfo> infos) {
        for (FieldInfo fi : infos) {
            if (fi.name.startsWith(PARAM_PREFIX)) {
                paramKinds.putIfAbsent(fi.name, fi.getPointDimensionCount() > 0 ? Kind.NUMERIC : Kind.KEYWORD);
            }
        }
    }

    /** Forgets the parameter kinds, after the index was emptied (which also empties Lucene's schema). */
    void forgetKinds() {
        paramKinds.clear();
    }

    Document build(RunRecord r, Map<String, List<double[]>> curves) throws IOException {
        Document doc = new Document();
        doc.add(new StringField(ID, r.id(), Field.Store.YES));
        doc.add(new SortedDocValuesField(ID, new BytesRef(r.id())));
        doc.add(new StoredField(JSON, json(r)));
        doc.add(new TextField(TEXT, text(r), Field.Store.NO));

        keyword(doc, PROTOCOL, r.protocol());
        keyword(doc, STATUS, RunAnalyzers.lower(r.status().name()));
        keyword(doc, USER, r.user());
        keyword(doc, EXPERIMENT, r.experimentId());
        keyword(doc, FINGERPRINT, r.fingerprint());
        keyword(doc, DATASET, r.datasetPlugin());
        Set<String> pluginIds = new LinkedHashSet<>();
        r.plugins().forEach(p -> pluginIds.add(p.id()));
        for (String p : pluginIds) {
            keyword(doc, PLUGIN, p);
        }
        for (String t : new LinkedHashSet<>(r.tags())) {
            keyword(doc, TAG, t);
        }

        time(doc, CREATED, r.created());
        time(doc, STARTED, r.started());
        time(doc, ENDED, r.ended());
        doc.add(new LongPoint(SEED, r.seed()));
        doc.add(new NumericDocValuesField(SEED, r.seed()));

        Set<String> used = new HashSet<>();
        params(doc, r, used);
        for (Map.Entry<String, Double> m : r.metrics().entrySet()) {
            number(doc, METRIC_PREFIX + RunIndex.fieldName(m.getKey()), m.getValue(), used);
        }
        if (curves != null) {
            for (Map.Entry<String, List<double[]>> c : curves.entrySet()) {
                curve(doc, METRIC_PREFIX + RunIndex.fieldName(c.getKey()), c.getValue(), used);
            }
        }
        return facetsConfig.build(doc);
    }

    private byte[] json(RunRecord r) {
        try {
            return mapper.writeValueAsBytes(r);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("run '" + r.id() + "': cannot serialise: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(RunRecord r) {
        StringJoiner j = new StringJoiner(" ");
        add(j, r.description());
        r.tags().forEach(t -> add(j, t));
        r.plugins().forEach(p -> add(j, p.id()));
        add(j, r.protocol());
        add(j, r.message());
        add(j, r.experimentId());
        add(j, r.user());
        return j.toString();
    }

    private static void add(StringJoiner j, String s) {
        if (s != null && !s.isBlank()) {
            j.add(s);
        }
    }

    private static void keyword(Document doc, String field, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        doc.add(new StringField(field, value, Field.Store.NO));
        if (SORTABLE_KEYWORDS.contains(field) && !ID.equals(field)) {
            doc.add(new SortedDocValuesField(field, new BytesRef(value)));
        }
        if (FACETS.contains(field)) {
            doc.add(new SortedSetDocValuesFacetField(field, value));
        }
    }

    private static void time(Document doc, String field, Instant t) {
        if (t != null) {
            long ms = t.toEpochMilli();
            doc.add(new LongPoint(field, ms));
            doc.add(new NumericDocValuesField(field, ms));
        }
    }

    private void params(Document doc, RunRecord r, Set<String> used) {
        for (Map.Entry<String, Object> p : r.params().entrySet()) {
            Object v = p.getValue();
            if (v == null || v instanceof Map || v instanceof List) {
                continue; // not a scalar: kept in the stored record only
            }
            String field = PARAM_PREFIX + RunIndex.fieldName(p.getKey());
            Kind want = v instanceof Number ? Kind.NUMERIC : Kind.KEYWORD;
            Kind kind = paramKinds.computeIfAbsent(field, f -> want);
            if (kind == Kind.NUMERIC && want == Kind.NUMERIC) {
                number(doc, field, ((Number) v).doubleValue(), used);
            } else if (kind == Kind.KEYWORD && used.add(field)) {
                doc.add(new StringField(field, String.valueOf(v), Field.Store.NO));
            }
        }
    }

    /** Adds a numeric field once per document (two names may normalise to the same field). */
    private static void number(Document doc, String field, double v, Set<String> used) {
        if (Double.isNaN(v) || !used.add(field)) {
            return;
        }
        doc.add(new DoublePoint(field, v));
        doc.add(new DoubleDocValuesField(field, v));
    }

    private static void curve(Document doc, String field, List<double[]> points, Set<String> used) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] p : points) {
            if (p != null && p.length == 2 && !Double.isNaN(p[1])) {
                min = Math.min(min, p[1]);
                max = Math.max(max, p[1]);
            }
        }
        if (min <= max) {
            number(doc, field + ".min", min, used);
            number(doc, field + ".max", max, used);
        }
    }

    /** Whether a field is indexed as keywords (terms without points). */
    static boolean isKeyword(FieldInfo fi) {
        return fi.getIndexOptions() != IndexOptions.NONE && fi.getPointDimensionCount() == 0;
    }
}
