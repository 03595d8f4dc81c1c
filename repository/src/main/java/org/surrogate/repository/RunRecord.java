package org.surrogate.repository;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything recorded about one run (one trial): who ran what, with which plugins, seed and data,
 * its state, and its final metrics. Stored as {@code <runs>/<id>/run.json} and indexed by
 * {@link RunIndex}; the metric history (curves) lives beside it in {@code metrics.json}.
 *
 * <p>Immutable: collections are copied (maps keep their order). Build one with
 * {@link #builder(String)}; change one with the {@code with...} methods or {@link #toBuilder()}.
 *
 * @param id              the run id, a safe file name (see {@link RunStore#checkId(String)})
 * @param experimentId    the experiment the run belongs to; may be null
 * @param user            who started it; may be null
 * @param status          its state, required
 * @param message         a human message about the state (the error of a failed run); may be null
 * @param attempt         1 for the first attempt, 2 after one retry, ...
 * @param description     free text
 * @param tags            labels such as {@code nightly}
 * @param protocol        the protocol plugin id, e.g. {@code holdout}
 * @param spec            the trial request as a JSON tree: protocol, params, slots, seed
 * @param params          flattened parameters, e.g. {@code als.factors -> 64}; numbers are indexed
 *                        as numbers, strings and booleans as keywords
 * @param plugins         every plugin used, with versions and bundles
 * @param datasetChecksum the checksum of the input data; may be null
 * @param seed            the trial's seed
 * @param fingerprint     the protocol fingerprint hash; may be null
 * @param metrics         final metric values by name, e.g. {@code ndcg@10 -> 0.31}
 * @param environment     host facts: java version, os, host, ...
 * @param created         when the run was created; may be null
 * @param started         when it started executing; may be null
 * @param ended           when it reached a terminal state; may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRecord(
        String id,
        String experimentId,
        String user,
        RunStatus status,
        String message,
        int attempt,
        String description,
        List<String> tags,
        String protocol,
        Map<String, Object> spec,
        Map<String, Object> params,
        List<PluginUse> plugins,
        String datasetChecksum,
        long seed,
        String fingerprint,
        Map<String, Double> metrics,
        Map<String, String> environment,
        Instant created,
        Instant started,
        Instant ended) {

    /**
     * Validates the id and status and copies the collections (null becomes empty).
     *
     * @throws IllegalArgumentException if the id is not a safe file name, a tag is null, or a
     *                                  metric has no value
     * @throws NullPointerException     if id or status is null
     */
    public RunRecord {
        RunStore.checkId(id);
        Objects.requireNonNull(status, () -> "run '" + id + "': status is required");
        tags = copyList(tags, "tag", id);
        plugins = copyList(plugins, "plugin", id);
        spec = JsonTrees.immutableMap(spec);
        params = JsonTrees.immutableMap(params);
        metrics = copyMap(metrics, "metric", id);
        environment = copyMap(environment, "environment entry", id);
    }

    private static <T> List<T> copyList(List<T> list, String what, String id) {
        if (list == null) {
            return List.of();
        }
        for (T t : list) {
            if (t == null) {
                throw new IllegalArgumentException("run '" + id + "': a " + what + " is null; remove it");
            }
        }
        return List.copyOf(list);
    }

    private static <V> Map<String, V> copyMap(Map<String, V> map, String what, String id) {
        if (map == null) {
            return Map.of();
        }
        Map<String, V> copy = new LinkedHashMap<>();
        for (Map.Entry<String, V> e : map.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("run '" + id + "': " + what + " '" + e.getKey()
                        + "' has no value; give a value or leave it out");
            }
            copy.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Starts a builder for a new run, status {@link RunStatus#QUEUED}, attempt 1.
     *
     * @param id the run id
     * @return the builder
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * A builder holding this record's values.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * This run with another status and message.
     *
     * @param newStatus  the status
     * @param newMessage the message; may be null
     * @return the copy
     */
    public RunRecord withStatus(RunStatus newStatus, String newMessage) {
        return toBuilder().status(newStatus).message(newMessage).build();
    }

    /**
     * This run with another message.
     *
     * @param newMessage the message; may be null
     * @return the copy
     */
    public RunRecord withMessage(String newMessage) {
        return toBuilder().message(newMessage).build();
    }

    /**
     * This run with other final metrics.
     *
     * @param newMetrics the metrics
     * @return the copy
     */
    public RunRecord withMetrics(Map<String, Double> newMetrics) {
        return toBuilder().metrics(newMetrics).build();
    }

    /**
     * This run with another start time.
     *
     * @param when the time; may be null
     * @return the copy
     */
    public RunRecord withStarted(Instant when) {
        return toBuilder().started(when).build();
    }

    /**
     * This run with another end time.
     *
     * @param when the time; may be null
     * @return the copy
     */
    public RunRecord withEnded(Instant when) {
        return toBuilder().ended(when).build();
    }

    /**
     * This run with another attempt number.
     *
     * @param newAttempt the attempt
     * @return the copy
     */
    public RunRecord withAttempt(int newAttempt) {
        return toBuilder().attempt(newAttempt).build();
    }

    /**
     * The plugin used in slot {@code dataset}, if any: the run's dataset as the index facets it.
     *
     * @return the plugin id, or null
     */
    public String datasetPlugin() {
        for (PluginUse p : plugins) {
            if ("dataset".equals(p.slot())) {
                return p.id();
            }
        }
        return null;
    }

    /** Builds a {@link RunRecord}; every setter returns the builder. */
    public static final class Builder {
        private String id;
        private String experimentId;
        private String user;
        private RunStatus status = RunStatus.QUEUED;
        private String message;
        private int attempt = 1;
        private String description;
        private List<String> tags = new ArrayList<>();
        private String protocol;
        private Map<String, Object> spec = new LinkedHashMap<>();
        private Map<String, Object> params = new LinkedHashMap<>();
        private List<PluginUse> plugins = new ArrayList<>();
        private String datasetChecksum;
        private long seed;
        private String fingerprint;
        private Map<String, Double> metrics = new LinkedHashMap<>();
        private Map<String, String> environment = new LinkedHashMap<>();
        private Instant created;
        private Instant started;
        private Instant ended;

        private Builder(String id) {
            this.id = id;
        }

        private Builder(RunRecord r) {
            id = r.id;
            experimentId = r.experimentId;
            user = r.user;
            status = r.status;
            message = r.message;
            attempt = r.attempt;
            description = r.description;
            tags = new ArrayList<>(r.tags);
            protocol = r.protocol;
            spec = new LinkedHashMap<>(r.spec);
            params = new LinkedHashMap<>(r.params);
            plugins = new ArrayList<>(r.plugins);
            datasetChecksum = r.datasetChecksum;
            seed = r.seed;
            fingerprint = r.fingerprint;
            metrics = new LinkedHashMap<>(r.metrics);
            environment = new LinkedHashMap<>(r.environment);
            created = r.created;
            started = r.started;
            ended = r.ended;
        }

        /** @param v the id @return this */
        public Builder id(String v) { id = v; return this; }
        /** @param v the experiment id @return this */
        public Builder experimentId(String v) { experimentId = v; return this; }
        /** @param v the user @return this */
        public Builder user(String v) { user = v; return this; }
        /** @param v the status @return this */
        public Builder status(RunStatus v) { status = v; return this; }
        /** @param v the message @return this */
        public Builder message(String v) { message = v; return this; }
        /** @param v the attempt @return this */
        public Builder attempt(int v) { attempt = v; return this; }
        /** @param v the description @return this */
        public Builder description(String v) { description = v; return this; }
        /** @param v the tags @return this */
        public Builder tags(List<String> v) { tags = new ArrayList<>(v); return this; }
        /** @param v the protocol plugin id @return this */
        public Builder protocol(String v) { protocol = v; return this; }
        /** @param v the spec tree @return this */
        public Builder spec(Map<String, Object> v) { spec = new LinkedHashMap<>(v); return this; }
        /** @param v the flattened parameters @return this */
        public Builder params(Map<String, Object> v) { params = new LinkedHashMap<>(v); return this; }
        /** @param name a parameter @param value its value @return this */
        public Builder param(String name, Object value) { params.put(name, value); return this; }
        /** @param v the plugins used @return this */
        public Builder plugins(List<PluginUse> v) { plugins = new ArrayList<>(v); return this; }
        /** @param v one more plugin used @return this */
        public Builder plugin(PluginUse v) { plugins.add(v); return this; }
        /** @param v the dataset checksum @return this */
        public Builder datasetChecksum(String v) { datasetChecksum = v; return this; }
        /** @param v the seed @return this */
        public Builder seed(long v) { seed = v; return this; }
        /** @param v the protocol fingerprint @return this */
        public Builder fingerprint(String v) { fingerprint = v; return this; }
        /** @param v the final metrics @return this */
        public Builder metrics(Map<String, Double> v) { metrics = new LinkedHashMap<>(v); return this; }
        /** @param name a metric @param value its final value @return this */
        public Builder metric(String name, double value) { metrics.put(name, value); return this; }
        /** @param v host facts @return this */
        public Builder environment(Map<String, String> v) { environment = new LinkedHashMap<>(v); return this; }
        /** @param v creation time @return this */
        public Builder created(Instant v) { created = v; return this; }
        /** @param v start time @return this */
        public Builder started(Instant v) { started = v; return this; }
        /** @param v end time @return this */
        public Builder ended(Instant v) { ended = v; return this; }

        /**
         * Builds the record.
         *
         * @return the record
         * @throws IllegalArgumentException if a value is invalid (see the record's constructor)
         */
        public RunRecord build() {
            return new RunRecord(id, experimentId, user, status, message, attempt, description, tags, protocol,
                    spec, params, plugins, datasetChecksum, seed, fingerprint, metrics, environment, created,
                    started, ended);
        }
    }
}
