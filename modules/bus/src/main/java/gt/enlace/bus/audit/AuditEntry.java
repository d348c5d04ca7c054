package gt.enlace.bus.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One entry of the audit log, stored as a JSON object on {@value AuditLog#TOPIC}:
 * {@code {"seq", "time", "actor", "action", "target", "details", "prevHash", "hash"}}.
 *
 * <p>{@code hash} is the lower-case hex SHA-256 of {@link #canonical()} followed by the UTF-8 of
 * {@code prevHash}; {@code prevHash} is the previous entry's {@code hash}, or {@link #GENESIS} (64 zeros)
 * for entry 1. {@code seq} counts from 1 without gaps. The canonical form, version 1:
 *
 * <pre>
 * "enlace-audit-v1" 0x00
 * i64 seq
 * i64 time, epoch seconds; i32 time, nanosecond of second
 * then, each as i32 length + UTF-8: actor, action, target
 * i32 number of details, then each (sorted by key): key, value as i32 length + UTF-8
 * </pre>
 *
 * @param seq      position in the log, from 1
 * @param time     when the action happened
 * @param actor    who acted
 * @param action   what was done
 * @param target   what it was done to
 * @param details  more facts, sorted by key
 * @param prevHash the previous entry's hash
 * @param hash     this entry's hash
 */
public record AuditEntry(long seq, Instant time, String actor, String action, String target, SortedMap<String, String> details,
                         String prevHash, String hash) {

    /** The actor of what the platform does by itself (provisioning topics, registering schemas). */
    public static final String PLATFORM_ACTOR = "platform";

    /** The {@code prevHash} of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** Longest actor, action, target, detail key or value, in characters. */
    public static final int MAX_FIELD_CHARS = 4000;

    private static final byte[] TAG = "enlace-audit-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    public AuditEntry {
        Objects.requireNonNull(time, "'time' cannot be null");
        details = Collections.unmodifiableSortedMap(new TreeMap<>(details == null ? Map.of() : details));
    }

    /**
     * The entry that follows {@code previous}, with its hash.
     *
     * @param previous the last entry of the log, or null for the first
     * @throws AuditLogException {@code AUDIT_INVALID_ENTRY} when a field is blank or too long
     */
    public static AuditEntry next(AuditEntry previous, Instant time, String actor, String action, String target,
                                  Map<String, String> details) {
        require("actor", actor);
        require("action", action);
        require("target", target);
        if (details != null) {
            details.forEach((k, v) -> {
                require("details key", k);
                if (v == null || v.length() > MAX_FIELD_CHARS) {
                    throw new AuditLogException(AuditLogException.INVALID_ENTRY, "details '" + k + "' is null or longer than "
                        + MAX_FIELD_CHARS + " characters", null);
                }
            });
        }
        long seq = previous == null ? 1 : previous.seq() + 1;
        String prev = previous == null ? GENESIS : previous.hash();
        AuditEntry unhashed = new AuditEntry(seq, time, actor, action, target, new TreeMap<>(details == null ? Map.of() : details),
            prev, "");
        return new AuditEntry(seq, time, actor, action, target, unhashed.details(), prev, unhashed.computeHash());
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new AuditLogException(AuditLogException.INVALID_ENTRY, "'" + field + "' cannot be blank", null);
        }
        if (value.length() > MAX_FIELD_CHARS) {
            throw new AuditLogException(AuditLogException.INVALID_ENTRY, "'" + field + "' is longer than " + MAX_FIELD_CHARS
                + " characters", null);
        }
    }

    /** The canonical bytes the hash covers (without {@code prevHash} and {@code hash}). */
    public byte[] canonical() {
        byte[][] fields = {utf8(actor), utf8(action), utf8(target)};
        int size = TAG.length + 8 + 8 + 4 + 4;
        for (byte[] f : fields) {
            size += 4 + f.length;
        }
        byte[][] pairs = new byte[details.size() * 2][];
        int i = 0;
        for (Map.Entry<String, String> e : details.entrySet()) {
            pairs[i++] = utf8(e.getKey());
            pairs[i++] = utf8(e.getValue());
        }
        for (byte[] p : pairs) {
            size += 4 + p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(TAG).putLong(seq).putLong(time.getEpochSecond()).putInt(time.getNano());
        for (byte[] f : fields) {
            b.putInt(f.length).put(f);
        }
        b.putInt(details.size());
        for (byte[] p : pairs) {
            b.putInt(p.length).put(p);
        }
        return b.array();
    }

    /** The hash this entry should have: SHA-256 of {@link #canonical()} + {@code prevHash}, hex. */
    public String computeHash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(canonical());
            sha.update(utf8(prevHash == null ? "" : prevHash));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** The JSON stored on the topic. */
    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("seq", seq);
        node.put("time", time.toString());
        node.put("actor", actor);
        node.put("action", action);
        node.put("target", target);
        ObjectNode d = node.putObject("details");
        details.forEach(d::put);
        node.put("prevHash", prevHash);
        node.put("hash", hash);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an audit entry as JSON", e);
        }
    }

    /**
     * Reads an entry as stored on the topic.
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public static AuditEntry fromJson(byte[] json) {
        if (json == null) {
            throw new IllegalArgumentException("the record has no value");
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode seq = node.get("seq");
        if (seq == null || !seq.canConvertToLong()) {
            throw new IllegalArgumentException("'seq' is missing or not a number");
        }
        Instant time;
        try {
            time = Instant.parse(text(node, "time"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'time' is not an ISO-8601 instant");
        }
        SortedMap<String, String> details = new TreeMap<>();
        JsonNode d = node.get("details");
        if (d != null && !d.isNull()) {
            if (!d.isObject()) {
                throw new IllegalArgumentException("'details' is not an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                details.put(e.getKey(), e.getValue().asText());
            }
        }
        return new AuditEntry(seq.asLong(), time, text(node, "actor"), text(node, "action"), text(node, "target"), details,
            text(node, "prevHash"), text(node, "hash"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a string");
        }
        return v.asText();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
