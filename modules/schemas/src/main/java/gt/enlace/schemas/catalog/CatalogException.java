package gt.enlace.schemas.catalog;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The topic catalog could not be loaded: it carries every problem found, each naming the file, the entry
 * and the reason, e.g.
 * {@code schemas/catalog.yaml: topic 'gt.renap.x.v1': schema file 'renap/x.avsc' does not exist}.
 * Validation does not stop at the first problem, so one build run shows everything to fix.
 */
public class CatalogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * One problem in the catalog.
     *
     * @param file   the catalog file as the user would name it, e.g. {@code schemas/catalog.yaml}
     * @param entry  where in the file: {@code topic 'gt.renap.x.v1'}, {@code topic #3} when the name is
     *               missing, {@code institution 'renap'}, or {@code catalog} for the file as a whole
     * @param reason what is wrong, naming the key and the fix where possible
     */
    public record Problem(String file, String entry, String reason) {

        /** Rejects null components. */
        public Problem {
            Objects.requireNonNull(file, "'file' cannot be null");
            Objects.requireNonNull(entry, "'entry' cannot be null");
            Objects.requireNonNull(reason, "'reason' cannot be null");
        }

        /** {@code <file>: <entry>: <reason>}. */
        @Override
        public String toString() {
            return file + ": " + entry + ": " + reason;
        }
    }

    private final transient List<Problem> problems;

    /** An exception for the given problems, at least one. */
    public CatalogException(List<Problem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** An exception for one problem. */
    public CatalogException(String file, String entry, String reason) {
        this(List.of(new Problem(file, entry, reason)));
    }

    private static String message(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("'problems' cannot be empty");
        }
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        return problems.size() + " errors in " + problems.get(0).file() + ":\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }

    /** Every problem found, in file order. */
    public List<Problem> problems() {
        return problems;
    }

    /** The catalog file the (first) problem is in. */
    public String file() {
        return problems.get(0).file();
    }

    /** The entry of the first problem. */
    public String entry() {
        return problems.get(0).entry();
    }

    /** The reason of the first problem. */
    public String reason() {
        return problems.get(0).reason();
    }
}
