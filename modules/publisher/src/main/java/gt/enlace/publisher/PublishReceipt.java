package gt.enlace.publisher;

/**
 * Kafka's acknowledgement of one published event ({@code acks=all}: every in-sync replica has it).
 *
 * @param topic     the topic
 * @param partition the partition the event went to
 * @param offset    its offset in that partition
 * @param eventId   its {@code ce_id} header
 * @param timestamp the record's timestamp in epoch milliseconds
 */
public record PublishReceipt(String topic, int partition, long offset, String eventId, long timestamp) {
}
