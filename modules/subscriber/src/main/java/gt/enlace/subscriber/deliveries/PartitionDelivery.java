package gt.enlace.subscriber.deliveries;

import java.time.Instant;

/**
 * One partition as seen by one consumer group.
 *
 * @param partition       the partition
 * @param committedOffset the next offset the group will read (its committed offset)
 * @param endOffset       the partition's end (the offset the next record will get)
 * @param lag             records written but not yet consumed: {@code endOffset - committedOffset}
 * @param lastDeliveredAt timestamp of the last record the group consumed (at {@code committedOffset - 1}),
 *                        null when it consumed none or that record is gone
 */
public record PartitionDelivery(int partition, long committedOffset, long endOffset, long lag, Instant lastDeliveredAt) {
}
