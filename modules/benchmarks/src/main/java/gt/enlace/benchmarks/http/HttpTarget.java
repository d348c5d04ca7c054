package gt.enlace.benchmarks.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the load generator asks for: a list of GET paths, each with the exact body a correct answer has.
 * Clients cycle through the paths; only a 200 whose body equals the expected one counts.
 *
 * @param name    short name for progress lines, e.g. {@code GET /schemas/ids/{id}}
 * @param paths   request paths, starting with {@code /}
 * @param bodies  expected body of each path, same order
 */
public record HttpTarget(String name, List<String> paths, List<byte[]> bodies) {

    public HttpTarget {
        Objects.requireNonNull(name, "'name' cannot be null");
        paths = List.copyOf(paths);
        bodies = List.copyOf(bodies);
        if (paths.isEmpty() || paths.size() != bodies.size()) {
            throw new IllegalArgumentException("need at least one path and exactly one expected body per path");
        }
    }

    /** A target with a single path. */
    public static HttpTarget single(String name, String path, byte[] body) {
        return new HttpTarget(name, List.of(path), List.of(body));
    }

    /** Builds a target path by path. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Collects paths and their expected bodies. */
    public static final class Builder {
        private final String name;
        private final List<String> paths = new ArrayList<>();
        private final List<byte[]> bodies = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Adds one path and the body a correct answer has. */
        public Builder add(String path, byte[] body) {
            paths.add(Objects.requireNonNull(path, "'path' cannot be null"));
            bodies.add(Objects.requireNonNull(body, "'body' cannot be null"));
            return this;
        }

        public HttpTarget build() {
            return new HttpTarget(name, paths, bodies);
        }
    }
}
