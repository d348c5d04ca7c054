package gt.enlace.bus.signing;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where a verifier finds the public key a signature names. Implementations are thread-safe.
 *
 * <ul>
 *   <li>{@link #of(Collection)}: a fixed list;</li>
 *   <li>{@link #folder(Path)}: the {@code <institution>.pub} files of a folder, e.g. a copy of the platform's
 *       {@code <data-dir>/keys/};</li>
 *   <li>{@link #url(URI)}: the platform's {@code GET /api/v1/keys}, fetched on first use and again (at most
 *       every 10 s) when a key id is not known yet.</li>
 * </ul>
 */
@FunctionalInterface
public interface KeyDirectory {

    /**
     * @param keyId a key id from a {@code ce_signature} header
     * @return the published key with that id, or empty when there is none
     */
    Optional<PublishedKey> find(String keyId);

    /** A directory of the given keys. */
    static KeyDirectory of(Collection<PublishedKey> keys) {
        Map<String, PublishedKey> byId = keys.stream().collect(Collectors.toUnmodifiableMap(PublishedKey::keyId,
            Function.identity(), (a, b) -> a));
        return keyId -> Optional.ofNullable(byId.get(keyId));
    }

    /** The {@code .pub} files of a folder, read again on each lookup (the folder is small). */
    static KeyDirectory folder(Path dir) {
        return new InstitutionKeyStore(dir);
    }

    /**
     * The keys the platform publishes.
     *
     * @param keysUrl e.g. {@code http://127.0.0.1:8080/api/v1/keys}
     */
    static KeyDirectory url(URI keysUrl) {
        return new HttpKeyDirectory(keysUrl, Duration.ofSeconds(10));
    }
}
