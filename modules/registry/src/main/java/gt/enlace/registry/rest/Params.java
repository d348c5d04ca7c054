package gt.enlace.registry.rest;

import java.util.List;

/**
 * Query parameter parsing as JAX-RS does it for Confluent: a boolean is true only for {@code true} in any
 * case (missing or anything else is false); an int that does not parse takes its default.
 */
final class Params {

    private Params() {
    }

    static boolean bool(String value) {
        return value != null && "true".equalsIgnoreCase(value.trim());
    }

    static int integer(String value, int defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    /** The page of {@code items} from {@code offset} (default 0), at most {@code limit} (-1 or 0 = all). */
    static <T> List<T> page(List<T> items, String offset, String limit) {
        int from = Math.max(0, integer(offset, 0));
        int max = integer(limit, -1);
        if (from >= items.size()) {
            return List.of();
        }
        int to = max <= 0 ? items.size() : (int) Math.min(items.size(), (long) from + max);
        return items.subList(from, to);
    }
}
