package gt.enlace.bus.agreements;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Agreements as JSON: the value of each record on {@value #TOPIC} (key: the agreement id), and the body of the
 * agreements API. Instants are ISO-8601 strings; absent optional fields are {@code null}.
 */
public final class AgreementCodec {

    /** The compacted topic that holds every agreement's latest state. */
    public static final String TOPIC = "_enlace.agreements";

    /** The configs {@value #TOPIC} is created with: compacted, so every agreement's latest state is kept forever. */
    public static final java.util.Map<String, String> TOPIC_CONFIGS = java.util.Map.of("cleanup.policy", "compact");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AgreementCodec() {
    }

    /** The JSON tree of {@code agreement}. */
    public static ObjectNode toTree(Agreement a) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", a.id());
        node.put("provider", a.provider());
        node.put("consumer", a.consumer());
        ArrayNode topics = node.putArray("topics");
        a.topics().forEach(topics::add);
        node.put("legalBasis", a.legalBasis());
        node.put("purpose", a.purpose());
        node.put("validFrom", a.validFrom().toString());
        node.put("validUntil", a.validUntil().toString());
        node.put("status", a.status().name());
        node.put("adminApprovalRequired", a.adminApprovalRequired());
        node.put("requestedBy", a.requestedBy());
        node.put("providerApprovedBy", a.providerApprovedBy());
        node.put("adminApprovedBy", a.adminApprovedBy());
        node.put("decidedBy", a.decidedBy());
        node.put("reason", a.reason());
        node.put("createdAt", a.createdAt() == null ? null : a.createdAt().toString());
        node.put("updatedAt", a.updatedAt() == null ? null : a.updatedAt().toString());
        return node;
    }

    /** {@code agreement} as a JSON string. */
    public static String toJson(Agreement agreement) {
        return toTree(agreement).toString();
    }

    /**
     * Reads what {@link #toJson} wrote.
     *
     * @throws IllegalArgumentException when the text is not an agreement
     */
    public static Agreement fromJson(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            List<String> topics = new ArrayList<>();
            n.path("topics").forEach(t -> topics.add(t.asText()));
            return new Agreement(n.path("id").asText(), n.path("provider").asText(), n.path("consumer").asText(), topics,
                text(n, "legalBasis"), text(n, "purpose"), instant(n, "validFrom"), instant(n, "validUntil"),
                AgreementStatus.valueOf(n.path("status").asText()), n.path("adminApprovalRequired").asBoolean(),
                text(n, "requestedBy"), text(n, "providerApprovedBy"), text(n, "adminApprovedBy"), text(n, "decidedBy"),
                text(n, "reason"), instant(n, "createdAt"), instant(n, "updatedAt"));
        } catch (IOException e) {
            throw new UncheckedIOException("Not an agreement: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not an agreement: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instant(JsonNode n, String field) {
        String v = text(n, field);
        return v == null ? null : Instant.parse(v);
    }
}
