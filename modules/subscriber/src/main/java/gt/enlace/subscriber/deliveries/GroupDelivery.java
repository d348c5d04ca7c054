package gt.enlace.subscriber.deliveries;

import java.time.Instant;
import java.util.List;

/**
 * One consumer group reading a topic.
 *
 * @param group           the consumer group id
 * @param state           the group's state as Kafka reports it ({@code STABLE}, {@code EMPTY}, …)
 * @param members         consumers in the group now
 * @param lag             records of the topic not yet consumed by the group, all partitions
 * @param caughtUp        whether the lag is 0: every record written so far was delivered
 * @param lastDeliveredAt the latest of the partitions' last-delivery times, or null
 * @param partitions      per partition, for partitions where the group committed an offset
 */
public record GroupDelivery(String group, String state, int members, long lag, boolean caughtUp, Instant lastDeliveredAt,
                            List<PartitionDelivery> partitions) {
}
