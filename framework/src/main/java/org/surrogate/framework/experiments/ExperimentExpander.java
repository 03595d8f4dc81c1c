package org.surrogate.framework.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.ParamType;
import org.surrogate.framework.plugins.PluginRegistry;
import org.surrogate.framework.trials.SlotBinding;
import org.surrogate.framework.trials.TrialRequest;

/**
 * Validates an experiment spec against the installed plugins and expands it into trial requests.
 *
 * <p>The trials are the cartesian product of the list and range axes, times the random samples,
 * times the seeds, in this order: list and range axes vary like nested loops in the order the grid
 * writes them, the first axis outermost; inside each grid point come the random samples, in draw
 * order; innermost come the seeds, in spec order. So for axes {@code a: [1, 2]}, {@code b: [x, y]}
 * and seeds {@code [7, 8]} the trials are (1,x,7), (1,x,8), (1,y,7), (1,y,8), (2,x,7) and so on.
 *
 * <p>The random samples are drawn once from a {@link Random} seeded with the spec's
 * {@code samplingSeed}, each sample taking one draw per uniform or log-uniform axis in grid order,
 * and the same samples are used at every grid point so that grid points are compared on equal
 * draws. Samples of integer parameters are rounded to the nearest integer.
 */
public final class ExperimentExpander {

    /** The most trials one spec may expand to. */
    public static final long MAX_TRIALS = 100_000;

    private ExperimentExpander() {
    }

    /**
     * Validates a spec and expands it into trials.
     *
     * @param spec     the spec
     * @param registry the installed plugins
     * @return the trials, in the order described on this class
     * @throws InvalidParamsException listing every problem found, each naming its path in the spec,
     *                                the value and what is accepted
     */
    public static List<TrialRequest> expand(ExperimentSpec spec, PluginRegistry registry) {
        SpecChecker checker = new SpecChecker(spec, registry);
        List<String> problems = checker.check();
        Map<String, ResolvedAxis> axes = checker.axes();
        long count = trialCount(spec, axes.values());
        if (count > MAX_TRIALS) {
            problems.add("grid: the spec expands to " + (count == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE
                    : String.valueOf(count)) + " trials, above the limit of " + MAX_TRIALS
                    + "; shrink the grid, the samples or the seeds");
        }
        if (!problems.isEmpty()) {
            throw new InvalidParamsException(problems);
        }
        return expandChecked(spec, new ArrayList<>(axes.values()));
    }

    /**
     * The number of trials a checked spec expands to.
     *
     * @return the count, or {@link Long#MAX_VALUE} when it overflows
     */
    private static long trialCount(ExperimentSpec spec, Iterable<ResolvedAxis> axes) {
        long count = Math.max(1, spec.seeds().size());
        boolean sampled = false;
        try {
            for (ResolvedAxis a : axes) {
                if (a.axis() instanceof GridAxis.Sample) {
                    sampled = true;
                } else {
                    count = Math.multiplyExact(count, a.values().size());
                }
            }
            return sampled ? Math.multiplyExact(count, Math.max(1, spec.samples())) : count;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static List<TrialRequest> expandChecked(ExperimentSpec spec, List<ResolvedAxis> axes) {
        List<ResolvedAxis> fixed = new ArrayList<>();
        List<ResolvedAxis> sampled = new ArrayList<>();
        for (ResolvedAxis a : axes) {
            (a.axis() instanceof GridAxis.Sample ? sampled : fixed).add(a);
        }
        List<List<Object>> samples = drawSamples(spec, sampled);
        List<TrialRequest> trials = new ArrayList<>();
        int[] odometer = new int[fixed.size()];
        while (true) {
            for (List<Object> sample : samples) {
                Map<GridPath, Object> overrides = new LinkedHashMap<>();
                for (int i = 0; i < fixed.size(); i++) {
                    overrides.put(fixed.get(i).path(), fixed.get(i).values().get(odometer[i]));
                }
                for (int i = 0; i < sampled.size(); i++) {
                    overrides.put(sampled.get(i).path(), sample.get(i));
                }
                for (long seed : spec.seeds()) {
                    trials.add(trial(spec, overrides, seed));
                }
            }
            if (!advance(odometer, fixed)) {
                return List.copyOf(trials);
            }
        }
    }

    /** Steps the last axis fastest; false once every combination was visited. */
    private static boolean advance(int[] odometer, List<ResolvedAxis> fixed) {
        for (int i = odometer.length - 1; i >= 0; i--) {
            if (++odometer[i] < fixed.get(i).values().size()) {
                return true;
            }
            odometer[i] = 0;
        }
        return false;
    }

    private static List<List<Object>> drawSamples(ExperimentSpec spec, List<ResolvedAxis> sampled) {
        if (sampled.isEmpty()) {
            return List.of(List.of());
        }
        Random random = new Random(spec.samplingSeed());
        List<List<Object>> out = new ArrayList<>();
        for (int s = 0; s < spec.samples(); s++) {
            List<Object> point = new ArrayList<>();
            for (ResolvedAxis a : sampled) {
                double v = ((GridAxis.Sample) a.axis()).sample(random.nextDouble());
                point.add(typed(v, a.spec()));
            }
            out.add(point);
        }
        return out;
    }

    /** A sampled number in the Java type of its parameter: integer parameters get rounded values. */
    static Object typed(double v, ParamSpec spec) {
        if (spec.type() == ParamType.INT) {
            return (int) Math.round(v);
        }
        if (spec.type() == ParamType.LONG) {
            return Math.round(v);
        }
        return v;
    }

    private static TrialRequest trial(ExperimentSpec spec, Map<GridPath, Object> overrides, long seed) {
        Map<String, Object> protocolParams = new LinkedHashMap<>(spec.protocol().params());
        Map<String, List<SlotBinding>> slots = new LinkedHashMap<>();
        spec.slots().forEach((name, refs) -> {
            List<SlotBinding> bindings = new ArrayList<>();
            for (int i = 0; i < refs.size(); i++) {
                PluginRef r = refs.get(i);
                Map<String, Object> params = new LinkedHashMap<>(r.params());
                for (Map.Entry<GridPath, Object> o : overrides.entrySet()) {
                    if (name.equals(o.getKey().slot()) && o.getKey().index() == i) {
                        params.put(o.getKey().param(), o.getValue());
                    }
                }
                bindings.add(new SlotBinding(r.plugin(), params, r.label()));
            }
            slots.put(name, bindings);
        });
        overrides.forEach((path, value) -> {
            if (path.protocol()) {
                protocolParams.put(path.param(), value);
            }
        });
        return new TrialRequest(spec.protocol().plugin(), protocolParams, slots, seed);
    }

    /**
     * A grid axis whose path was resolved to a parameter of an installed plugin.
     *
     * @param key    the path as written in the spec
     * @param path   the parsed path
     * @param spec   the target parameter
     * @param axis   the axis
     * @param values the values of a list or range axis; empty for a sampled one
     */
    record ResolvedAxis(String key, GridPath path, ParamSpec spec, GridAxis axis, List<Object> values) {
    }
}
