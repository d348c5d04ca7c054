package gt.enlace.registry.compatibility;

import java.util.Locale;
import java.util.Optional;

/**
 * The seven compatibility levels of Confluent Schema Registry.
 *
 * <p>{@code BACKWARD}: the new schema reads data written with the old one. {@code FORWARD}: the old
 * schema reads data written with the new one. {@code FULL}: both. Plain levels compare with the latest
 * live version only; {@code _TRANSITIVE} ones with every live version. {@code NONE} checks nothing.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** Parses a level name, ignoring case and surrounding blanks; empty when unknown. */
    public static Optional<CompatibilityLevel> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the new schema must read data written with previous ones. */
    public boolean backward() {
        return backward;
    }

    /** Whether previous schemas must read data written with the new one. */
    public boolean forward() {
        return forward;
    }

    /** Whether every live version is compared, not only the latest. */
    public boolean transitive() {
        return transitive;
    }
}
