package org.surrogate.framework.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.surrogate.api.data.DatasetSource;
import org.surrogate.api.evaluation.Evaluator;
import org.surrogate.api.generator.Generator;
import org.surrogate.api.plugin.Plugin;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.privacy.PrivacyMechanism;
import org.surrogate.api.protocol.Protocol;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.simulator.Simulator;
import org.surrogate.framework.plugins.PluginInfo;
import org.surrogate.framework.plugins.PluginRegistry;

/**
 * Tracks plugin services of every kind in the container. A plugin id belongs to the first bundle
 * that registers it; a later registration of the same id by another bundle is ignored and reported.
 */
final class PluginRegistryImpl implements PluginRegistry, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PluginRegistryImpl.class.getName());
    private static final int MAX_PROBLEMS = 200;

    /** The interface of each kind. */
    static final Map<PluginKind, Class<? extends Plugin>> KIND_TYPES = Map.of(
            PluginKind.DATASET_SOURCE, DatasetSource.class,
            PluginKind.GENERATOR, Generator.class,
            PluginKind.SPLITTER, org.surrogate.api.split.Splitter.class,
            PluginKind.PRIVACY_MECHANISM, PrivacyMechanism.class,
            PluginKind.SIMULATOR, Simulator.class,
            PluginKind.RECOMMENDER, Recommender.class,
            PluginKind.EVALUATOR, Evaluator.class,
            PluginKind.PROTOCOL, Protocol.class);

    /** A registered plugin: the service object and where it comes from. */
    record Entry(PluginInfo info, Plugin plugin, Bundle bundle, ServiceReference<?> ref) {
    }

    private final Map<String, Entry> byId = new LinkedHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();

    PluginRegistryImpl(BundleContext ctx) {
        for (Map.Entry<PluginKind, Class<? extends Plugin>> k : KIND_TYPES.entrySet()) {
            trackers.add(track(ctx, k.getKey(), k.getValue()));
        }
        trackers.forEach(ServiceTracker::open);
    }

    private <T extends Plugin> ServiceTracker<T, Entry> track(BundleContext ctx, PluginKind kind, Class<T> type) {
        return new ServiceTracker<>(ctx, type, new ServiceTrackerCustomizer<T, Entry>() {
            @Override
            public Entry addingService(ServiceReference<T> ref) {
                return add(ctx, kind, ref);
            }

            @Override
            public void modifiedService(ServiceReference<T> ref, Entry entry) {
            }

            @Override
            public void removedService(ServiceReference<T> ref, Entry entry) {
                remove(entry);
                try {
                    ctx.ungetService(ref);
                } catch (IllegalStateException e) {
                    LOG.log(System.Logger.Level.DEBUG, "service already gone: " + e.getMessage());
                }
            }
        });
    }

    private Entry add(BundleContext ctx, PluginKind kind, ServiceReference<? extends Plugin> ref) {
        Bundle bundle = ref.getBundle();
        String bsn = bundle == null ? "?" : bundle.getSymbolicName();
        Plugin plugin;
        try {
            plugin = ctx.getService(ref);
        } catch (RuntimeException e) {
            problem("bundle '" + bsn + "': a " + kind.label() + " service could not be obtained: " + e);
            return null;
        }
        if (plugin == null) {
            problem("bundle '" + bsn + "': a " + kind.label()
                    + " component failed to activate (its constructor or activate method threw; see the server log)");
            return null;
        }
        PluginDescriptor d;
        try {
            d = plugin.descriptor();
        } catch (RuntimeException e) {
            problem("bundle '" + bsn + "': descriptor() of " + plugin.getClass().getName() + " threw " + e);
            ctx.ungetService(ref);
            return null;
        }
        if (d == null || d.kind() != kind) {
            problem("bundle '" + bsn + "': plugin " + (d == null ? plugin.getClass().getName() : "'" + d.id() + "'")
                    + " is registered as a " + kind.label() + " but its descriptor says "
                    + (d == null ? "nothing (null)" : d.kind().label()));
            ctx.ungetService(ref);
            return null;
        }
        List<org.surrogate.api.protocol.SlotSpec> slots = List.of();
        if (plugin instanceof Protocol p) {
            try {
                slots = p.slots();
            } catch (RuntimeException e) {
                problem("bundle '" + bsn + "': slots() of protocol '" + d.id() + "' threw " + e);
                ctx.ungetService(ref);
                return null;
            }
        }
        String version = bundle.getVersion().toString();
        PluginInfo info = new PluginInfo(d.id(), d.kind(), version, bsn, bundle.getBundleId(), d.title(),
                d.description(), d.paper(), d.params(), slots);
        Entry entry = new Entry(info, plugin, bundle, ref);
        synchronized (this) {
            Entry existing = byId.get(d.id());
            if (existing != null && existing.bundle().getBundleId() != bundle.getBundleId()) {
                problem("bundle '" + bsn + "': plugin id '" + d.id() + "' is already registered by bundle '"
                        + existing.info().bundle() + "' " + existing.info().version() + "; ignored");
                ctx.ungetService(ref);
                return null;
            }
            byId.put(d.id(), entry);
        }
        LOG.log(System.Logger.Level.INFO, "plugin " + kind.label() + " '" + d.id() + "' " + version + " from " + bsn);
        return entry;
    }

    private synchronized void remove(Entry entry) {
        if (entry != null && byId.get(entry.info().id()) == entry) {
            byId.remove(entry.info().id());
        }
    }

    private void problem(String message) {
        LOG.log(System.Logger.Level.WARNING, message);
        problems.add(message);
        while (problems.size() > MAX_PROBLEMS) {
            problems.remove(0);
        }
    }

    /** Records a problem found elsewhere (bundle installation, hot deploy). */
    void report(String message) {
        problem(message);
    }

    synchronized Optional<Entry> entry(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    synchronized List<Entry> entriesOf(long bundleId) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : byId.values()) {
            if (e.bundle().getBundleId() == bundleId) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public synchronized List<PluginInfo> list() {
        List<PluginInfo> out = new ArrayList<>();
        byId.values().forEach(e -> out.add(e.info()));
        out.sort(Comparator.comparing((PluginInfo p) -> p.kind().ordinal()).thenComparing(PluginInfo::id));
        return out;
    }

    @Override
    public synchronized Optional<PluginInfo> find(String id) {
        return Optional.ofNullable(byId.get(id)).map(Entry::info);
    }

    @Override
    public synchronized Optional<Plugin> instance(String id) {
        return Optional.ofNullable(byId.get(id)).map(Entry::plugin);
    }

    @Override
    public List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        trackers.forEach(ServiceTracker::close);
    }
}
