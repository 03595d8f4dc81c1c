package org.surrogate.framework.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * Resolves requests against what the catalogs offer and what is installed: each requested bundle at
 * the version asked for or the newest that fits this server's plugins-api, then its dependencies,
 * transitively, each at the newest version in every range that asks for it, unless the installed
 * version already satisfies them all. Installed bundles that the catalogs describe keep their
 * requirements: an update that would break one is refused. A cycle is refused too, since bundles are
 * installed and started one at a time, dependencies first.
 *
 * <p>When a dependency met later rules out a version chosen earlier, resolution starts over with
 * that range as a requirement from the beginning; the ranges only accumulate, so this ends.
 */
public final class Resolver {

    private static final int MAX_ROUNDS = 200;

    private final Map<String, List<Offer>> offers = new TreeMap<>();
    private final Map<String, String> installed;
    private final Version api;
    private final List<String> catalogNames;

    /** A range a bundle must be in, and who asks for it. */
    private record Requirement(VersionRange range, String by) {
    }

    /** A choice of one round: the offer, or null when the installed version is kept. */
    private record Choice(String symbolicName, Version version, Offer offer, String reason) {
    }

    /**
     * Creates a resolver.
     *
     * @param offers    every bundle version the catalogs offer, in catalog order (when two catalogs offer
     *                  the same version, the first wins)
     * @param installed the installed bundles: symbolic name to version
     * @param api       this server's plugins-api version
     */
    public Resolver(List<Offer> offers, Map<String, String> installed, Version api) {
        Objects.requireNonNull(offers, "offers");
        this.installed = Map.copyOf(installed);
        this.api = Objects.requireNonNull(api, "api");
        Set<String> names = new LinkedHashSet<>();
        Map<String, Map<Version, Offer>> byName = new HashMap<>();
        for (Offer o : offers) {
            names.add(o.catalog().name());
            byName.computeIfAbsent(o.entry().symbolicName(), k -> new LinkedHashMap<>())
                    .putIfAbsent(o.entry().osgiVersion(), o);
        }
        byName.forEach((bsn, versions) -> this.offers.put(bsn, versions.values().stream()
                .sorted(Comparator.comparing((Offer o) -> o.entry().osgiVersion()).reversed()).toList()));
        this.catalogNames = List.copyOf(names);
    }

    /**
     * The offers of a bundle, newest first.
     *
     * @param symbolicName the bundle
     * @return its offers, possibly empty
     */
    public List<Offer> offersOf(String symbolicName) {
        return offers.getOrDefault(symbolicName, List.of());
    }

    /**
     * Resolves requests.
     *
     * @param requests the bundles asked for
     * @return the plan, dependencies first
     * @throws ResolutionException naming the bundle, version or range that cannot be satisfied
     */
    public Plan resolve(List<BundleRequest> requests) {
        Map<String, List<Requirement>> pre = new HashMap<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Map<String, Choice> chosen = new LinkedHashMap<>();
            Map<String, List<Requirement>> reqs = new HashMap<>();
            pre.forEach((k, v) -> reqs.put(k, new ArrayList<>(v)));
            Restart restart = new Restart();
            for (BundleRequest r : requests) {
                chooseRoot(r, chosen, reqs);
            }
            List<Choice> queue = new ArrayList<>(chosen.values());
            for (int i = 0; i < queue.size() && !restart.needed; i++) {
                Choice c = queue.get(i);
                if (c.offer() == null) {
                    continue; // kept as installed: its dependencies are installed already
                }
                for (Dependency d : c.offer().entry().dependencies()) {
                    Requirement req = new Requirement(d.range(), c.offer().entry().label());
                    reqs.computeIfAbsent(d.symbolicName(), k -> new ArrayList<>()).add(req);
                    Choice existing = chosen.get(d.symbolicName());
                    if (existing != null) {
                        if (!req.range().includes(existing.version())) {
                            restart.add(pre, d.symbolicName(), req);
                            break;
                        }
                        continue;
                    }
                    Choice dep = chooseDependency(d.symbolicName(), reqs.get(d.symbolicName()));
                    chosen.put(d.symbolicName(), dep);
                    queue.add(dep);
                }
            }
            if (!restart.needed) {
                checkInstalledDependents(chosen, pre, restart);
            }
            if (!restart.needed) {
                return new Plan(order(chosen));
            }
        }
        throw new ResolutionException("resolution did not settle after " + MAX_ROUNDS + " rounds; requested "
                + requests);
    }

    /** Marks that a round must start over with one more requirement. */
    private static final class Restart {
        private boolean needed;

        void add(Map<String, List<Requirement>> pre, String bsn, Requirement req) {
            pre.computeIfAbsent(bsn, k -> new ArrayList<>()).add(req);
            needed = true;
        }
    }

    private void chooseRoot(BundleRequest r, Map<String, Choice> chosen, Map<String, List<Requirement>> reqs) {
        String bsn = r.symbolicName();
        List<Offer> all = offersOf(bsn);
        if (all.isEmpty()) {
            throw new ResolutionException("no catalog offers bundle '" + bsn + "'" + catalogsSuffix());
        }
        List<Requirement> constraints = reqs.getOrDefault(bsn, List.of());
        if (r.version() != null) {
            Version v = Version.parseVersion(r.version());
            Offer o = all.stream().filter(x -> x.entry().osgiVersion().equals(v)).findFirst()
                    .orElseThrow(() -> new ResolutionException("no catalog offers bundle '" + bsn + "' " + r.version()
                            + "; offered: " + versions(all)));
            if (!o.entry().fitsApi(api)) {
                throw new ResolutionException("bundle " + o.entry().label() + " needs plugins-api "
                        + o.entry().pluginsApi() + ", but this server has plugins-api " + api + "; not installed");
            }
            for (Requirement q : constraints) {
                if (!q.range().includes(v)) {
                    throw new ResolutionException("version conflict on bundle '" + bsn + "': " + r.version()
                            + " was requested, but " + q.by() + " needs " + q.range());
                }
            }
            chosen.put(bsn, choice(bsn, o, "requested"));
            return;
        }
        chosen.put(bsn, pick(bsn, constraints, "requested", null));
    }

    private Choice chooseDependency(String bsn, List<Requirement> constraints) {
        String have = installed.get(bsn);
        if (have != null) {
            Version v = Version.parseVersion(have);
            if (constraints.stream().allMatch(q -> q.range().includes(v))) {
                return new Choice(bsn, v, null, "installed");
            }
        }
        String by = constraints.stream().map(Requirement::by).distinct().collect(Collectors.joining(", "));
        return pick(bsn, constraints, "needed by " + by, constraints.get(constraints.size() - 1));
    }

    /** The newest offer in every range that fits the plugins-api, or a precise error. */
    private Choice pick(String bsn, List<Requirement> constraints, String reason, Requirement latest) {
        List<Offer> all = offersOf(bsn);
        if (all.isEmpty()) {
            throw new ResolutionException((latest == null ? "" : latest.by() + " depends on ")
                    + "bundle '" + bsn + "'" + (latest == null ? "" : " " + latest.range())
                    + ", which no catalog offers" + catalogsSuffix() + (installed.containsKey(bsn)
                    ? " (installed: " + installed.get(bsn) + ", outside the range)" : ""));
        }
        List<Offer> inRange = all.stream()
                .filter(o -> constraints.stream().allMatch(q -> q.range().includes(o.entry().osgiVersion()))).toList();
        if (inRange.isEmpty()) {
            Set<String> by = new LinkedHashSet<>();
            constraints.forEach(q -> by.add(q.by() + " needs " + q.range()));
            String what = by.size() > 1 ? "version conflict on bundle '" + bsn + "': " + String.join("; ", by)
                    + "; no version satisfies all of them" : String.join("", by).replaceFirst(" needs ",
                    " depends on bundle '" + bsn + "' ") + ", but no catalog offers a version in that range";
            throw new ResolutionException(what + " (offered: " + versions(all)
                    + (installed.containsKey(bsn) ? "; installed: " + installed.get(bsn) : "") + ")");
        }
        for (Offer o : inRange) {
            if (o.entry().fitsApi(api)) {
                return choice(bsn, o, reason);
            }
        }
        throw new ResolutionException("no version of bundle '" + bsn + "'" + (constraints.isEmpty() ? ""
                : " in the required range") + " fits this server's plugins-api " + api + ": " + inRange.stream()
                .map(o -> o.entry().version() + " needs plugins-api " + o.entry().pluginsApi())
                .collect(Collectors.joining(", ")) + "; not installed");
    }

    private Choice choice(String bsn, Offer o, String reason) {
        return new Choice(bsn, o.entry().osgiVersion(), o, reason);
    }

    /** Installed bundles outside the plan that the catalogs describe keep their requirements. */
    private void checkInstalledDependents(Map<String, Choice> chosen, Map<String, List<Requirement>> pre,
                                          Restart restart) {
        for (Map.Entry<String, String> i : installed.entrySet()) {
            Choice own = chosen.get(i.getKey());
            if (own != null && own.offer() != null) {
                continue; // it is replaced: the new version's dependencies were resolved
            }
            Version v = Version.parseVersion(i.getValue());
            Offer described = offersOf(i.getKey()).stream().filter(o -> o.entry().osgiVersion().equals(v))
                    .findFirst().orElse(null);
            if (described == null) {
                continue;
            }
            for (Dependency d : described.entry().dependencies()) {
                Choice c = chosen.get(d.symbolicName());
                if (c != null && !d.range().includes(c.version())) {
                    Requirement req = new Requirement(d.range(), "installed bundle " + described.entry().label());
                    boolean known = pre.getOrDefault(d.symbolicName(), List.of()).contains(req);
                    if (known) {
                        throw new ResolutionException("version conflict on bundle '" + d.symbolicName() + "': the plan"
                                + " needs " + c.version() + ", but " + req.by() + " needs " + d.range());
                    }
                    restart.add(pre, d.symbolicName(), req);
                    return;
                }
            }
        }
    }

    /** The changes in dependency order; throws on a cycle. */
    private List<Plan.Step> order(Map<String, Choice> chosen) {
        List<Plan.Step> out = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>(); // 1 visiting, 2 done
        for (String bsn : chosen.keySet()) {
            visit(bsn, chosen, state, new ArrayList<>(), out);
        }
        return out;
    }

    private void visit(String bsn, Map<String, Choice> chosen, Map<String, Integer> state, List<String> path,
                       List<Plan.Step> out) {
        Choice c = chosen.get(bsn);
        if (c == null || c.offer() == null || Integer.valueOf(2).equals(state.get(bsn))) {
            return;
        }
        path.add(c.offer().entry().label());
        if (Integer.valueOf(1).equals(state.get(bsn))) {
            int start = path.indexOf(c.offer().entry().label());
            throw new ResolutionException("dependency cycle: " + String.join(" -> ", path.subList(start, path.size()))
                    + "; bundles are installed one at a time, dependencies first, so a cycle cannot be installed");
        }
        state.put(bsn, 1);
        for (Dependency d : c.offer().entry().dependencies()) {
            visit(d.symbolicName(), chosen, state, path, out);
        }
        state.put(bsn, 2);
        path.remove(path.size() - 1);
        String have = installed.get(bsn);
        if (have != null && Version.parseVersion(have).equals(c.version())) {
            return; // already installed at this version
        }
        out.add(new Plan.Step(have == null ? Plan.Action.INSTALL : Plan.Action.UPDATE, bsn, c.version().toString(),
                have, c.offer().catalog().name(), c.reason(), c.offer().entry()));
    }

    private static String versions(List<Offer> offers) {
        return offers.stream().map(o -> o.entry().version()).distinct().collect(Collectors.joining(", "));
    }

    private String catalogsSuffix() {
        return catalogNames.isEmpty() ? " (no catalog is configured; add one first)"
                : " (catalogs: " + String.join(", ", catalogNames) + ")";
    }
}
