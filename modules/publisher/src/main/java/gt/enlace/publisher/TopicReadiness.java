package gt.enlace.publisher;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidMetadataException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Waits until newly created topics can take writes: every partition's leader has opened the partition's log. Call
 * it between {@code Admin.createTopics} and the first publish to the new topics.
 *
 * <p>Why it matters: a KRaft broker publishes a new topic in its metadata (what {@code describeTopics} and a
 * producer's metadata request see) <em>before</em> its replica manager has created the partition's log. An
 * idempotent producer that sends right away can have its first produce request to a partition refused with the
 * retriable {@code NOT_LEADER_OR_FOLLOWER} while its next request, already in flight, arrives after the log exists.
 * Kafka up to 4.4 accepts any first sequence number from a producer it has no state for (KAFKA-15591, fixed in
 * 4.5), so the second batch is appended and every retry of the first one then fails with
 * {@code OutOfOrderSequenceException} ("0 (incoming seq. number), N (current end sequence number)") until
 * {@code delivery.timeout.ms} expires it: the partition stalls and that batch's events fail. Waiting for a leader in
 * the metadata is therefore not enough; this class asks each leader for the partition's end offset
 * ({@code ListOffsets}), which it answers only once it holds the partition's log, the same check a produce
 * request goes through.
 */
public final class TopicReadiness {

    private static final long RETRY_MS = 20;

    private TopicReadiness() {
    }

    /**
     * Blocks until every partition of {@code topics} answers a {@code ListOffsets} request on its leader.
     *
     * @throws IllegalStateException when they are not ready within {@code timeout}, naming the topics
     */
    public static void await(Admin admin, Collection<String> topics, Duration timeout) {
        if (topics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (System.nanoTime() - deadline < 0) {
            try {
                long remaining = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                Map<String, TopicDescription> descriptions = admin.describeTopics(List.copyOf(topics)).allTopicNames()
                    .get(remaining, TimeUnit.MILLISECONDS);
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                descriptions.forEach((name, description) -> description.partitions()
                    .forEach(p -> partitions.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
                admin.listOffsets(partitions).all().get(remaining, TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException || e.getCause() instanceof InvalidMetadataException)) {
                    throw new IllegalStateException("cannot check that topics " + topics + " are ready: " + e.getCause().getMessage(), e.getCause());
                }
                last = e.getCause();
            } catch (TimeoutException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics " + topics, e);
            }
            try {
                Thread.sleep(RETRY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics " + topics, e);
            }
        }
        throw new IllegalStateException("topics " + topics + " did not accept writes on every partition within "
            + timeout.toSeconds() + " s" + (last != null ? ": " + last.getMessage() : ""), last);
    }
}
