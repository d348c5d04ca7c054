package gt.enlace.registry.storage;

/**
 * The value of a CONFIG record. {@code compatibilityLevel} is the level name as written (e.g. {@code FULL});
 * {@code normalize} and {@code compatibilityGroup} are null when not set.
 */
public record ConfigRecord(String compatibilityLevel, Boolean normalize, String compatibilityGroup) {
}
