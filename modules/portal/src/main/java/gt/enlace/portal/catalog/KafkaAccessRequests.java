package gt.enlace.portal.catalog;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.enlace.bus.topics.Topics;
import gt.enlace.subscriber.deliveries.DeliveriesConfiguration;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Records access requests as JSON events on the compacted topic {@value #TOPIC}, keyed by request id, with
 * {@code acks=all} and idempotence: a request is acknowledged to the person only once the cluster has it. The topic
 * is created on first use. The agreements service (or a person) reads the topic to approve or reject; a decision
 * is a newer event with the same key.
 */
@Component
public class KafkaAccessRequests implements AccessRequests {

    /** The internal topic the requests go to; compacted, so the latest state of each request is kept forever. */
    public static final String TOPIC = Topics.INTERNAL_PREFIX + "access-requests";

    private static final Logger log = LoggerFactory.getLogger(KafkaAccessRequests.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_S = 30;

    /**
     * The platform's prefix for the Kafka client properties of its own principal ({@code security.protocol}, SASL
     * settings) on a secure bus; declared by the platform's security configuration, read here so that the portal
     * can write on a secure bus too.
     */
    public static final String PLATFORM_KAFKA_PREFIX = "enlace.platform.kafka";

    private final String bootstrapServers;
    private final Map<String, String> clientSecurity;
    private final ObjectProvider<Admin> admin;
    private KafkaProducer<String, String> producer;
    private boolean topicReady;

    /**
     * @param bootstrapServers the platform's {@code bootstrap.servers}; empty when there is no cluster
     * @param admin            the platform's {@code kafkaAdmin}, used to create the topic
     * @param environment      gives the client properties under {@value #PLATFORM_KAFKA_PREFIX}
     */
    public KafkaAccessRequests(@Value("${" + DeliveriesConfiguration.BOOTSTRAP_SERVERS + ":}") String bootstrapServers,
                               ObjectProvider<Admin> admin, Environment environment) {
        this.bootstrapServers = bootstrapServers;
        this.clientSecurity = Binder.get(environment).bind(PLATFORM_KAFKA_PREFIX, Bindable.mapOf(String.class, String.class))
            .orElse(Map.of());
        this.admin = admin;
    }

    @Override
    public AccessRequest submit(AccessRequest request) {
        try {
            String value = JSON.writeValueAsString(json(request));
            ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, request.id(), value);
            record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_type", "gt.enlace.access-request-submitted".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_id", request.id().getBytes(StandardCharsets.UTF_8));
            producer().send(record).get(TIMEOUT_S, TimeUnit.SECONDS);
            log.info("Access request {} recorded: {} asks {} for {}", request.id(), request.requester(), request.provider(),
                request.topic());
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notRecorded(request, e);
        } catch (ExecutionException | TimeoutException | JsonProcessingException | RuntimeException e) {
            if (e instanceof CatalogException catalog) {
                throw catalog;
            }
            throw notRecorded(request, e);
        }
    }

    private CatalogException notRecorded(AccessRequest request, Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        log.warn("Access request {} for {} not recorded: {}", request.id(), request.topic(), cause.toString());
        return new CatalogException(CatalogError.ACCESS_REQUEST_NOT_RECORDED,
            "the request could not be recorded (" + cause.getClass().getSimpleName() + "); nothing was saved, try again");
    }

    private synchronized KafkaProducer<String, String> producer() throws ExecutionException, InterruptedException, TimeoutException {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new CatalogException(CatalogError.ACCESS_REQUEST_NOT_RECORDED,
                "no cluster configured (" + DeliveriesConfiguration.BOOTSTRAP_SERVERS + "); nothing was saved");
        }
        if (!topicReady) {
            createTopic();
            topicReady = true;
        }
        if (producer == null) {
            Map<String, Object> config = new LinkedHashMap<>(clientSecurity);
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "enlace-portal-access-requests");
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    private void createTopic() throws ExecutionException, InterruptedException, TimeoutException {
        Admin client = admin.getIfAvailable();
        if (client == null) {
            return; // no admin client: rely on the broker's auto-creation
        }
        NewTopic topic = new NewTopic(TOPIC, Optional.of(1), Optional.empty())
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            client.createTopics(List.of(topic)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static Map<String, Object> json(AccessRequest request) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", request.id());
        out.put("topic", request.topic());
        out.put("provider", request.provider());
        out.put("requester", request.requester());
        out.put("purpose", request.purpose());
        out.put("legalBasis", request.legalBasis());
        out.put("validUntil", request.validUntil().toString());
        out.put("requestedAt", request.requestedAt().toString());
        out.put("status", request.status());
        return out;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
