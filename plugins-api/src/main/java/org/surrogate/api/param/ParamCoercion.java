package org.surrogate.api.param;

import java.util.ArrayList;
import java.util.List;

/** Converts raw spec values (from JSON, YAML or Java) to a parameter's type and checks its rules. */
final class ParamCoercion {

    private ParamCoercion() {
    }

    static String describe(ParamSpec p) {
        Double min = p.min();
        Double max = p.max();
        List<String> choices = p.choices();
        String base = switch (p.type()) {
            case INT -> "an integer";
            case LONG -> "a long integer";
            case DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            case STRING -> "a string";
            case CHOICE -> "one of " + String.join(", ", choices);
            case INT_LIST -> "a non-empty list of integers";
            case DOUBLE_LIST -> "a non-empty list of numbers";
        };
        if (min != null && max != null) {
            return base + " in " + (p.minExclusive() ? "(" : "[") + fmt(min) + ", " + fmt(max)
                    + (p.maxExclusive() ? ")" : "]");
        } else if (min != null) {
            return base + (p.minExclusive() ? " > " : " >= ") + fmt(min);
        } else if (max != null) {
            return base + (p.maxExclusive() ? " < " : " <= ") + fmt(max);
        }
        return base;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /**
     * Coerces one value; on failure adds "path: expected ..., found ..." to problems and returns null.
     */
    static Object coerce(ParamSpec p, Object raw, String path, List<String> problems) {
        List<String> choices = p.choices();
        Object value = switch (p.type()) {
            case INT -> {
                Long v = toWhole(raw, Integer.MIN_VALUE, Integer.MAX_VALUE);
                yield v == null ? null : (Object) v.intValue();
            }
            case LONG -> toWhole(raw, Long.MIN_VALUE, Long.MAX_VALUE);
            case DOUBLE -> toDouble(raw);
            case BOOLEAN -> toBoolean(raw);
            case STRING -> raw instanceof String s ? s : null;
            case CHOICE -> raw instanceof String s && choices.contains(s) ? s : null;
            case INT_LIST -> toList(raw, true);
            case DOUBLE_LIST -> toList(raw, false);
        };
        if (value == null || !inRange(value, p)) {
            problems.add(path + ": expected " + describe(p) + ", found " + show(raw));
            return null;
        }
        return value;
    }

    private static boolean inRange(Object value, ParamSpec p) {
        if (value instanceof Number n) {
            double d = n.doubleValue();
            Double min = p.min();
            Double max = p.max();
            boolean aboveMin = min == null || (p.minExclusive() ? d > min : d >= min);
            boolean belowMax = max == null || (p.maxExclusive() ? d < max : d <= max);
            return aboveMin && belowMax && !Double.isNaN(d);
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                return false;
            }
            for (Object o : list) {
                if (!inRange(o, p)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Long toWhole(Object raw, long lo, long hi) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            long v = ((Number) raw).longValue();
            return v >= lo && v <= hi ? v : null;
        }
        if (raw instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && d >= lo && d <= hi && !Double.isInfinite(d)) {
                return (long) d;
            }
            return null;
        }
        if (raw instanceof String s) {
            try {
                long v = Long.parseLong(s.trim());
                return v >= lo && v <= hi ? v : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Double toDouble(Object raw) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        if (raw instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Boolean toBoolean(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if ("true".equals(raw)) {
            return Boolean.TRUE;
        }
        if ("false".equals(raw)) {
            return Boolean.FALSE;
        }
        return null;
    }

    private static List<?> toList(Object raw, boolean ints) {
        if (!(raw instanceof List<?> list)) {
            return null;
        }
        List<Object> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (ints) {
                Long v = toWhole(o, Integer.MIN_VALUE, Integer.MAX_VALUE);
                if (v == null) {
                    return null;
                }
                out.add(v.intValue());
            } else {
                Double v = toDouble(o);
                if (v == null) {
                    return null;
                }
                out.add(v);
            }
        }
        return List.copyOf(out);
    }

    static String show(Object raw) {
        if (raw == null) {
            return "nothing";
        }
        if (raw instanceof String s) {
            return "'" + s + "'";
        }
        return String.valueOf(raw);
    }
}
