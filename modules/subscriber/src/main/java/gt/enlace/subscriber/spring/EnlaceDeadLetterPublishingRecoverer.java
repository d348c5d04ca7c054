package gt.enlace.subscriber.spring;

import gt.enlace.subscriber.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.KafkaUtils;

/**
 * Spring Kafka's {@link DeadLetterPublishingRecoverer} publishing to {@code <topic>.dlt}, same
 * partition, with Enlace's rules: the dead letter's value is always the original bytes (for a record
 * that did deserialise, those kept by {@link RawValueRetainingDeserializer}), its key the original key
 * bytes, and it carries {@link DeadLetterHeaders}' {@code enlace_dlt_*} headers next to Spring's
 * {@code kafka_dlt-*} ones. The template must write byte arrays.
 */
public class EnlaceDeadLetterPublishingRecoverer extends DeadLetterPublishingRecoverer {

    /**
     * @param template a template with {@code ByteArraySerializer} for keys and values
     */
    public EnlaceDeadLetterPublishingRecoverer(KafkaOperations<byte[], byte[]> template) {
        super(template, (record, e) -> new TopicPartition(DeadLetterHeaders.deadLetterTopic(record.topic()), record.partition()));
        addHeadersFunction((record, e) -> DeadLetterHeaders.describe(record, e, KafkaUtils.getConsumerGroupId()));
    }

    @Override
    protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record, TopicPartition topicPartition,
                                                                  Headers headers, byte[] key, byte[] value) {
        Header raw = headers.lastHeader(DeadLetterHeaders.RAW_VALUE);
        headers.remove(DeadLetterHeaders.RAW_VALUE);
        Object outValue = value != null ? value : raw != null ? raw.value() : record.value();
        Object outKey = key != null ? key : record.key() instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : record.key();
        return new ProducerRecord<>(topicPartition.topic(), topicPartition.partition() < 0 ? null : topicPartition.partition(),
            outKey, outValue, headers);
    }
}
