package gt.enlace.platform.web;

import java.util.Map;

/** One part of the platform that {@code /health} asks whether it can serve. */
public interface ComponentHealth {

    /** Key under which the component appears in the health body, e.g. {@code broker}. */
    String name();

    /** Checks the component now; must return within a few seconds and never throw. */
    Status check();

    /**
     * Outcome of one check.
     *
     * @param up      whether the component can serve
     * @param details what a person needs to see (addresses, counts, the error when down)
     */
    record Status(boolean up, Map<String, Object> details) {

        public static Status up(Map<String, Object> details) {
            return new Status(true, details);
        }

        public static Status down(String error) {
            return new Status(false, Map.of("error", error));
        }
    }
}
