package gt.enlace.portal.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An institution's request to read a topic: the start of a data-sharing agreement, which the provider (the
 * topic's owner) approves or rejects.
 *
 * @param id          unique id of the request, a UUID
 * @param topic       the topic asked for
 * @param provider    code of the institution that owns the topic and must approve
 * @param requester   code of the institution asking
 * @param purpose     what the requester will use the records for
 * @param legalBasis  the law or agreement that allows the requester to receive them
 * @param validUntil  the last day the requester wants access
 * @param requestedAt when the request was recorded
 * @param status      {@code PENDING} until the provider decides
 */
public record AccessRequest(String id, String topic, String provider, String requester, String purpose,
                            String legalBasis, LocalDate validUntil, Instant requestedAt, String status) {

    /** The status of a request nobody has decided on yet. */
    public static final String PENDING = "PENDING";

    /** Rejects null components. */
    public AccessRequest {
        Objects.requireNonNull(id, "'id' cannot be null");
        Objects.requireNonNull(topic, "'topic' cannot be null");
        Objects.requireNonNull(provider, "'provider' cannot be null");
        Objects.requireNonNull(requester, "'requester' cannot be null");
        Objects.requireNonNull(purpose, "'purpose' cannot be null");
        Objects.requireNonNull(legalBasis, "'legalBasis' cannot be null");
        Objects.requireNonNull(validUntil, "'validUntil' cannot be null");
        Objects.requireNonNull(requestedAt, "'requestedAt' cannot be null");
        Objects.requireNonNull(status, "'status' cannot be null");
    }
}
