package org.surrogate.repository;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs side by side: for each compared field, the value in every run and whether they differ.
 *
 * <p>Rows come in this order: {@code protocol}, {@code status}, {@code seed},
 * {@code fingerprint}, {@code datasetChecksum}; one {@code plugin.<slot>.<id>} row per plugin
 * (its version, null where a run did not use it); one {@code spec.<path>} row per flattened spec
 * value ({@link JsonTrees#flatten(Map)}); one {@code metric.<name>} row per metric. Numbers are
 * compared by value, so {@code 64} and {@code 64.0} do not differ.
 *
 * @param ids                the runs, in the order asked
 * @param rows               the compared fields
 * @param fingerprintsDiffer whether the runs' protocol fingerprints differ (then their metrics
 *                           may not be comparable)
 */
public record Comparison(List<String> ids, List<Row> rows, boolean fingerprintsDiffer) {

    /** Copies the lists. */
    public Comparison {
        ids = List.copyOf(ids);
        rows = List.copyOf(rows);
    }

    /**
     * One compared field.
     *
     * @param field   the field, e.g. {@code spec.params.factors}
     * @param values  its value in each run, in the order of {@link Comparison#ids()}; null where
     *                a run lacks it
     * @param differs whether the values are not all equal
     */
    public record Row(String field, List<Object> values, boolean differs) {
        /** Copies the values (which may contain nulls). */
        public Row {
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    /**
     * The row of a field.
     *
     * @param field the field name
     * @return the row, or null if no run has the field
     */
    public Row row(String field) {
        return rows.stream().filter(r -> r.field.equals(field)).findFirst().orElse(null);
    }

    /**
     * The rows whose values differ.
     *
     * @return those rows, in order
     */
    public List<Row> differing() {
        return rows.stream().filter(Row::differs).toList();
    }

    /**
     * Compares runs.
     *
     * @param runs the runs, in display order
     * @return the comparison
     */
    static Comparison of(List<RunRecord> runs) {
        List<Row> rows = new ArrayList<>();
        rows.add(row("protocol", runs, RunRecord::protocol));
        rows.add(row("status", runs, r -> r.status().name()));
        rows.add(row("seed", runs, RunRecord::seed));
        Row fingerprint = row("fingerprint", runs, RunRecord::fingerprint);
        rows.add(fingerprint);
        rows.add(row("datasetChecksum", runs, RunRecord::datasetChecksum));
        rows.addAll(union(runs, r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            r.plugins().forEach(p -> m.put("plugin." + p.slot() + "." + p.id(), p.version()));
            return m;
        }));
        rows.addAll(union(runs, r -> prefixed("spec.", JsonTrees.flatten(r.spec()))));
        rows.addAll(union(runs, r -> prefixed("metric.", r.metrics())));
        return new Comparison(runs.stream().map(RunRecord::id).toList(), rows, fingerprint.differs());
    }

    private static Map<String, Object> prefixed(String prefix, Map<String, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }

    private static Row row(String field, List<RunRecord> runs, Function<RunRecord, Object> get) {
        List<Object> values = new ArrayList<>();
        runs.forEach(r -> values.add(get.apply(r)));
        return new Row(field, values, differ(values));
    }

    private static List<Row> union(List<RunRecord> runs, Function<RunRecord, Map<String, Object>> get) {
        List<Map<String, Object>> maps = runs.stream().map(get).toList();
        Map<String, List<Object>> byField = new LinkedHashMap<>();
        for (int i = 0; i < maps.size(); i++) {
            for (String k : maps.get(i).keySet()) {
                byField.computeIfAbsent(k, x -> new ArrayList<>());
            }
        }
        List<Row> rows = new ArrayList<>();
        byField.forEach((field, values) -> {
            maps.forEach(m -> values.add(m.get(field)));
            rows.add(new Row(field, values, differ(values)));
        });
        return rows;
    }

    static boolean differ(List<Object> values) {
        for (int i = 1; i < values.size(); i++) {
            if (!same(values.get(0), values.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            if (integral(x) && integral(y)) {
                return x.longValue() == y.longValue();
            }
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        return a == null ? b == null : a.equals(b);
    }

    private static boolean integral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }
}
