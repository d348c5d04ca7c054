package gt.enlace.survey.responses;

/**
 * An event Kafka acknowledged.
 *
 * @param topic     where
 * @param key       its record key
 * @param eventId   its {@code ce_id}
 * @param partition partition
 * @param offset    offset in the partition
 */
public record PublishedEvent(String topic, String key, String eventId, int partition, long offset) {
}
