package gt.enlace.serde.client;

import java.util.Locale;

/**
 * The registry's compatibility levels (section 4 of the reference). The registry's default is
 * {@link #BACKWARD}: a new version must read data written with the latest one.
 */
public enum CompatibilityLevel {
    /** No check. */
    NONE,
    /** The new schema reads data written with the latest version. */
    BACKWARD,
    /** {@link #BACKWARD} against every version. */
    BACKWARD_TRANSITIVE,
    /** The latest version reads data written with the new schema. */
    FORWARD,
    /** {@link #FORWARD} against every version. */
    FORWARD_TRANSITIVE,
    /** Both {@link #BACKWARD} and {@link #FORWARD} against the latest version. */
    FULL,
    /** Both directions against every version. */
    FULL_TRANSITIVE;

    /**
     * Parses a level the way the registry does: case-insensitive, surrounding blanks ignored.
     *
     * @param value e.g. {@code "backward"}
     * @return the level
     * @throws IllegalArgumentException naming the valid values
     */
    public static CompatibilityLevel parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid compatibility level '" + value + "'. Valid values are none, backward, "
                + "forward, full, backward_transitive, forward_transitive, and full_transitive");
        }
    }

    /** @return true when every version is checked, not only the latest */
    public boolean transitive() {
        return this == BACKWARD_TRANSITIVE || this == FORWARD_TRANSITIVE || this == FULL_TRANSITIVE;
    }

    /** @return true when the new schema must read the old ones' data */
    public boolean backward() {
        return this == BACKWARD || this == BACKWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
    }

    /** @return true when the old schemas must read the new one's data */
    public boolean forward() {
        return this == FORWARD || this == FORWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
    }
}
