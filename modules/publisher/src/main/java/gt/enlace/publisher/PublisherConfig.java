package gt.enlace.publisher;

import gt.enlace.bus.headers.Channel;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of an {@link EventPublisher}, in Kafka's style: one map of string keys, the Enlace keys below plus
 * any {@link ProducerConfig} key (e.g. {@code linger.ms}, {@code compression.type}) and any serde key
 * ({@code basic.auth.user.info}), which are passed through to the producer and the Avro serializer.
 *
 * <p>Always set, whatever the map says: {@code acks=all} and {@code enable.idempotence=true} (the bus's delivery
 * rule), and for the serializer {@code auto.register.schemas=false} and {@code use.latest.version=true}: the platform
 * registers each catalog topic's contract and the publisher writes with it.
 *
 * <pre>{@code
 * Map<String, Object> config = Map.of(
 *     PublisherConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092",
 *     PublisherConfig.SCHEMA_REGISTRY_URL_CONFIG, "http://127.0.0.1:8081",
 *     PublisherConfig.INSTITUTION_CONFIG, "renap",
 *     PublisherConfig.SYSTEM_CONFIG, "sirenap");
 * }</pre>
 */
public final class PublisherConfig extends AbstractConfig {

    /** {@code bootstrap.servers}: the Kafka cluster, {@code host:port} list. Required. */
    public static final String BOOTSTRAP_SERVERS_CONFIG = ProducerConfig.BOOTSTRAP_SERVERS_CONFIG;

    /** {@code schema.registry.url}: the schema registry, e.g. {@code http://127.0.0.1:8081}. Required. */
    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";

    /** {@code enlace.institution}: code of the publishing institution, e.g. {@code renap}; it may publish only its own topics. Required. */
    public static final String INSTITUTION_CONFIG = "enlace.institution";

    /** {@code enlace.system}: the publishing system, lower-case kebab, the second part of {@code ce_source=/gt/<institution>/<system>}. */
    public static final String SYSTEM_CONFIG = "enlace.system";
    public static final String SYSTEM_DEFAULT = "enlace-sdk";

    /** {@code enlace.channel}: the {@code ce_channel} of events, a {@link Channel} code; {@code sdk} by default. */
    public static final String CHANNEL_CONFIG = "enlace.channel";

    /** {@code enlace.validate}: whether records are validated (identifiers, geography, required fields) before sending. */
    public static final String VALIDATE_CONFIG = "enlace.validate";

    /**
     * {@code enlace.signing.key-file}: the institution's Ed25519 signing key, a PKCS#8 PEM file named
     * {@code <institution>.key} with {@code <institution>.pub} beside it (the platform keeps them in
     * {@code <data-dir>/keys/}). When set, every event gets a {@code ce_signature} header; unset by default (unsigned).
     */
    public static final String SIGNING_KEY_FILE_CONFIG = "enlace.signing.key-file";

    /**
     * {@code enlace.signing.max-batch}: the most events one Ed25519 signature covers when signing (1 to 4096, default
     * {@value #SIGNING_MAX_BATCH_DEFAULT}). Events published while a signature is being made are signed together over
     * a Merkle tree; each event's {@code ce_signature} carries its audit path, {@code log2(batch)} hashes of 44 base64
     * characters, so a smaller cap means smaller headers and more signatures.
     */
    public static final String SIGNING_MAX_BATCH_CONFIG = "enlace.signing.max-batch";
    public static final int SIGNING_MAX_BATCH_DEFAULT = 256;

    /**
     * {@code enlace.signing.linger.ms}: while events stream in (the previous signed batch left less than this long
     * ago), how long the signer waits for a batch to fill before signing it (0 to 1000 ms, default
     * {@value #SIGNING_LINGER_MS_DEFAULT}); an event after a pause is signed at once. Like {@code linger.ms}, it trades a
     * little latency for fewer signatures: without it a publisher slower than the signer spends a signature on every
     * two or three events.
     */
    public static final String SIGNING_LINGER_MS_CONFIG = "enlace.signing.linger.ms";
    public static final int SIGNING_LINGER_MS_DEFAULT = 1;

    private static final ConfigDef CONFIG = new ConfigDef()
        .define(BOOTSTRAP_SERVERS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, (name, value) -> {
            if (value instanceof java.util.List<?> list && list.isEmpty()) {
                throw new ConfigException(name, value, "at least one host:port is required");
            }
        }, Importance.HIGH, "Kafka bootstrap servers, host:port list.")
        .define(SCHEMA_REGISTRY_URL_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
            Importance.HIGH, "Schema registry base URL(s), comma-separated.")
        .define(INSTITUTION_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
            "Code of the publishing institution as in the catalog, e.g. renap.")
        .define(SYSTEM_CONFIG, Type.STRING, SYSTEM_DEFAULT, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
            "Name of the publishing system, lower-case kebab, e.g. sirenap.")
        .define(CHANNEL_CONFIG, Type.STRING, Channel.SDK.code(),
            ConfigDef.ValidString.in(Arrays.stream(Channel.values()).map(Channel::code).toArray(String[]::new)),
            Importance.LOW, "ce_channel of the events: sdk, gateway, csv-bridge or declared-manual.")
        .define(VALIDATE_CONFIG, Type.BOOLEAN, true, Importance.LOW,
            "Whether records are validated against the bus's rules before they are sent.")
        .define(SIGNING_KEY_FILE_CONFIG, Type.STRING, null, Importance.MEDIUM,
            "PKCS#8 PEM file <institution>.key (with <institution>.pub beside it) to sign events with; unset: unsigned.")
        .define(SIGNING_MAX_BATCH_CONFIG, Type.INT, SIGNING_MAX_BATCH_DEFAULT, ConfigDef.Range.between(1, 4096), Importance.LOW,
            "Most events signed together with one Ed25519 signature over a Merkle tree (each keeps its own proof).")
        .define(SIGNING_LINGER_MS_CONFIG, Type.INT, SIGNING_LINGER_MS_DEFAULT, ConfigDef.Range.between(0, 1000), Importance.LOW,
            "While events stream in, how long the signer waits for a batch to fill, in ms; an event after a pause is signed at once.");

    public PublisherConfig(Map<?, ?> originals) {
        super(CONFIG, originals, false);
    }

    /** The definition of every Enlace key, for documentation. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    public String institution() {
        return getString(INSTITUTION_CONFIG);
    }

    public String system() {
        return getString(SYSTEM_CONFIG);
    }

    public Channel channel() {
        return Channel.fromCode(getString(CHANNEL_CONFIG)).orElseThrow();
    }

    public boolean validate() {
        return getBoolean(VALIDATE_CONFIG);
    }

    /** The signing key file, when events are signed. */
    public java.util.Optional<java.nio.file.Path> signingKeyFile() {
        String file = getString(SIGNING_KEY_FILE_CONFIG);
        return file == null || file.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(java.nio.file.Path.of(file));
    }

    /** The most events one signature covers. */
    public int signingMaxBatch() {
        return getInt(SIGNING_MAX_BATCH_CONFIG);
    }

    /** How long a signed batch may wait to fill while events stream in. */
    public java.time.Duration signingLinger() {
        return java.time.Duration.ofMillis(getInt(SIGNING_LINGER_MS_CONFIG));
    }

    /** The producer's configuration: the pass-through keys plus the forced delivery settings. */
    public Properties producerProperties() {
        Properties props = new Properties();
        passThrough().forEach(props::put);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", getList(BOOTSTRAP_SERVERS_CONFIG)));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "enlace-publisher-" + institution() + "-" + system());
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        return props;
    }

    /** The serializer's configuration: the pass-through keys plus the registry settings the bus requires. */
    public Map<String, Object> serializerConfig() {
        Map<String, Object> config = new HashMap<>(passThrough());
        config.put(SCHEMA_REGISTRY_URL_CONFIG, getString(SCHEMA_REGISTRY_URL_CONFIG));
        config.put("auto.register.schemas", false);
        config.put("use.latest.version", true);
        config.put("avro.use.logical.type.converters", true);
        return config;
    }

    private Map<String, Object> passThrough() {
        Map<String, Object> keys = new HashMap<>();
        originals().forEach((k, v) -> {
            if (!k.startsWith("enlace.") && v != null) {
                keys.put(k, v);
            }
        });
        return keys;
    }
}
