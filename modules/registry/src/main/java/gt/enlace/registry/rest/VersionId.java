package gt.enlace.registry.rest;

import java.util.Locale;

import gt.enlace.registry.service.RegistryError;
import gt.enlace.registry.service.RegistryService;

/**
 * Parses a version id from a URL the way Confluent's {@code rest/VersionId.java} does: {@code latest} (any
 * case, surrounding blanks ignored) or {@code -1} mean the latest version; otherwise an int from 1 to 2^31-1.
 * Anything else ({@code 0}, other negatives, non-numbers) is 42202, quoting the value as given.
 */
public final class VersionId {

    private VersionId() {
    }

    /** The version number, {@link RegistryService#LATEST} for latest. */
    public static int parse(String value) {
        if (value == null || "latest".equals(value.trim().toLowerCase(Locale.ROOT))) {
            return RegistryService.LATEST;
        }
        int version;
        try {
            version = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw RegistryError.INVALID_VERSION.exception(value);
        }
        if (version <= 0 && version != RegistryService.LATEST) {
            throw RegistryError.INVALID_VERSION.exception(value);
        }
        return version;
    }
}
