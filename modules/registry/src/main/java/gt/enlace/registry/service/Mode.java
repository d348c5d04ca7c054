package gt.enlace.registry.service;

import java.util.Locale;
import java.util.Optional;

/**
 * Registry modes, Confluent's: what writes a subject (or the whole registry) accepts.
 *
 * <ul>
 *   <li>{@link #READWRITE}: the default; register and delete as usual.</li>
 *   <li>{@link #READONLY}: no register, delete or config change; reads and lookups still work.</li>
 *   <li>{@link #READONLY_OVERRIDE}: like {@code READONLY}; set globally it overrides every subject's mode.</li>
 *   <li>{@link #IMPORT}: registrations must carry an explicit {@code id} (and may carry a {@code version});
 *       compatibility is not checked. Used to copy schemas from another registry with their ids.</li>
 *   <li>{@link #FORWARD}: Confluent's mode for registries that forward writes elsewhere; here it refuses
 *       registrations like {@code READONLY} does, with the "not in read-write mode" message.</li>
 * </ul>
 */
public enum Mode {
    READWRITE, READONLY, READONLY_OVERRIDE, IMPORT, FORWARD;

    /** Parses a mode name, ignoring case and surrounding blanks; empty when unknown. */
    public static Optional<Mode> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether writes are refused with "is in read-only mode". */
    public boolean isReadOnly() {
        return this == READONLY || this == READONLY_OVERRIDE;
    }
}
