package gt.enlace.portal.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import gt.enlace.bus.agreements.Agreement;
import gt.enlace.bus.agreements.AgreementCodec;
import gt.enlace.subscriber.deliveries.DeliveriesConfiguration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Finds data-sharing agreements for the portal: the agreement a subscriber reads under (the catalog's subscriber
 * table) and the agreements an institution takes part in (its dashboard page). Reads the agreements' compacted topic
 * ({@value AgreementCodec#TOPIC}) to its end with a short-lived consumer and keeps the latest state of each
 * agreement. On a bus without agreements (the topic does not exist) it finds none.
 */
@Component
public class AgreementLookup {

    private static final Logger log = LoggerFactory.getLogger(AgreementLookup.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final String bootstrapServers;
    private final Map<String, String> clientSecurity;
    private final ObjectProvider<Admin> admin;

    /**
     * @param bootstrapServers the platform's {@code bootstrap.servers}; empty when there is no cluster
     * @param admin            the platform's {@code kafkaAdmin}
     * @param environment      gives the client properties under {@value KafkaAccessRequests#PLATFORM_KAFKA_PREFIX}
     */
    public AgreementLookup(@Value("${" + DeliveriesConfiguration.BOOTSTRAP_SERVERS + ":}") String bootstrapServers,
                           ObjectProvider<Admin> admin, Environment environment) {
        this.bootstrapServers = bootstrapServers;
        this.admin = admin;
        this.clientSecurity = Binder.get(environment)
            .bind(KafkaAccessRequests.PLATFORM_KAFKA_PREFIX, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
    }

    /** @return the latest state of every agreement; empty without agreements or when the cluster does not answer */
    public List<Agreement> agreements() {
        Admin client = admin.getIfAvailable();
        if (client == null || bootstrapServers == null || bootstrapServers.isBlank()) {
            return List.of();
        }
        try {
            Set<String> topics = client.listTopics().names().get(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!topics.contains(AgreementCodec.TOPIC)) {
                return List.of();
            }
            return readAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (Exception e) {
            log.warn("Agreements unavailable to the portal: {}", e.toString());
            return List.of();
        }
    }

    private List<Agreement> readAll() {
        Map<String, Object> config = new HashMap<>(clientSecurity);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "enlace-portal-agreements");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Agreement> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(AgreementCodec.TOPIC, READ_TIMEOUT)
                .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                        continue;
                    }
                    try {
                        Agreement agreement = AgreementCodec.fromJson(record.value());
                        latest.put(agreement.id(), agreement);
                    } catch (IllegalArgumentException e) {
                        log.debug("Skipping an unreadable agreement at {}-{}@{}", record.topic(), record.partition(), record.offset());
                    }
                }
            }
        }
        return List.copyOf(latest.values());
    }

    /**
     * The agreements an institution takes part in, as provider or as consumer.
     *
     * @param institution the institution's code
     * @return the latest state of each, in the order they were first recorded; empty without agreements or when the
     *         cluster does not answer
     */
    public List<Agreement> agreementsOf(String institution) {
        return involving(agreements(), institution);
    }

    /**
     * @param agreements  what {@link #agreements()} returned
     * @param institution an institution's code
     * @return those where the institution is the provider or the consumer
     */
    static List<Agreement> involving(List<Agreement> agreements, String institution) {
        if (institution == null) {
            return List.of();
        }
        return agreements.stream()
            .filter(a -> a.provider().equals(institution) || a.consumer().equals(institution))
            .toList();
    }

    /**
     * The agreement in force under which an institution reads a topic.
     *
     * @param agreements what {@link #agreements()} returned
     * @param consumer   the reading institution's code
     * @param topic      the topic
     * @param now        the instant the agreement must be in force at
     * @return the id of such an agreement, or null when there is none
     */
    static String agreementFor(List<Agreement> agreements, String consumer, String topic, Instant now) {
        if (consumer == null) {
            return null;
        }
        for (Agreement agreement : agreements) {
            if (agreement.consumer().equals(consumer) && agreement.topics().contains(topic) && agreement.inForce(now)) {
                return agreement.id();
            }
        }
        return null;
    }
}
