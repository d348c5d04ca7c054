package gt.enlace.subscriber.deliveries;

import java.util.List;

/**
 * Delivery status of a topic.
 *
 * @param topic      the topic
 * @param endOffset  records written to the topic so far, all partitions (sum of end offsets)
 * @param groups     the consumer groups with committed offsets on it, by group id
 * @param delivered  how many of them are caught up
 * @param summary    e.g. {@code 2 of 3 subscribers delivered}
 */
public record TopicDeliveries(String topic, long endOffset, List<GroupDelivery> groups, int delivered, String summary) {
}
