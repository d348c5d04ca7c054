package gt.enlace.schemas.catalog;

import java.util.Arrays;
import java.util.Optional;

/**
 * Information classes of Guatemala's Ley de Acceso a la Información Pública (Decreto 57-2008).
 * The {@link #code()} is what the catalog and the {@code ce_classification} header carry.
 */
public enum Classification {

    /** Public information: anyone may read it. */
    PUBLICA("publica"),
    /** Personal data and information given to the state in confidence. */
    CONFIDENCIAL("confidencial"),
    /** Information declared reserved for a set period. */
    RESERVADA("reservada");

    private final String code;

    Classification(String code) {
        this.code = code;
    }

    /** The lower-case Spanish code, e.g. {@code confidencial}. */
    public String code() {
        return code;
    }

    /** Finds a classification by its code (exact, lower case). */
    public static Optional<Classification> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
}
