package gt.enlace.registry.cluster;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import gt.enlace.registry.config.RegistryProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elects one writer among the registry instances that share a topic, with nothing but Kafka's consumer group
 * protocol: every instance joins the group {@code <group-id>-enlace-<topic>} subscribed to the registry topic, which has
 * exactly one partition, so the group coordinator assigns that partition to exactly one member: the leader.
 * The partition is paused at once, so the election consumer never fetches a record; it only heartbeats.
 *
 * <p>Each member's {@code client.id} carries its advertised URL, so followers find the leader's URL through
 * {@link Admin#describeConsumerGroups} and forward writes to it. When the leader stops, it leaves the group and
 * another instance takes over after the rebalance; when it dies, after the session timeout (10 s). An instance the
 * group refuses or drops (a revoked ACL on the group, a coordinator error) is not the leader and tries to rejoin
 * every second, so it can take over again once the cause is gone.
 *
 * <p>This is not Confluent's election (protocol type {@code sr}): Enlace and Confluent instances on one cluster
 * each elect their own leader, so do not run both as writers on the same topic.
 */
public final class LeaderElector implements AutoCloseable {

    /** Prefix of the election consumer's {@code client.id}; the advertised URL follows it. */
    static final String CLIENT_ID_PREFIX = "enlace-registry|";

    private static final Logger log = LoggerFactory.getLogger(LeaderElector.class);
    /** Pause before polling again after the election group refused or failed this member. */
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private final RegistryProperties properties;
    private final TopicPartition partition;
    private final String groupId;
    private final Object monitor = new Object();
    private volatile boolean running;
    private volatile boolean leader;
    private long generation;
    private String myUrl;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Admin admin;
    private Thread thread;

    public LeaderElector(RegistryProperties properties) {
        this.properties = properties;
        this.partition = new TopicPartition(properties.topic(), 0);
        this.groupId = properties.groupId() + "-enlace-" + properties.topic();
    }

    /** Joins the election as the instance reachable at {@code url}. */
    public synchronized void start(String url) {
        if (running) {
            return;
        }
        this.myUrl = url;
        Properties props = new Properties();
        props.putAll(properties.kafka());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID_PREFIX + url);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000");
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Properties adminProps = new Properties();
        adminProps.putAll(properties.kafka());
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, properties.groupId() + "-election-admin");
        admin = Admin.create(adminProps);
        running = true;
        thread = new Thread(this::loop, "enlace-registry-election-" + properties.topic());
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            consumer.subscribe(List.of(partition.topic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    if (partitions.contains(partition)) {
                        setLeader(false);
                    }
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    consumer.pause(partitions);
                    setLeader(partitions.contains(partition));
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    setLeader(false);
                }
            });
            boolean failing = false;
            while (running) {
                try {
                    consumer.poll(Duration.ofMillis(500));
                    if (failing) {
                        log.info("Schema registry at {} takes part in the leader election again", myUrl);
                        failing = false;
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // E.g. the election group's ACL was revoked: polling again rejoins once the cause is gone,
                    // so this instance can still take over when the leader stops.
                    if (!failing) {
                        log.error("Schema registry leader election failed; this instance will not write until it "
                            + "can rejoin the group", e);
                        failing = true;
                        setLeader(false);
                    }
                    TimeUnit.MILLISECONDS.sleep(RETRY_BACKOFF.toMillis());
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void setLeader(boolean isLeader) {
        synchronized (monitor) {
            if (leader != isLeader) {
                log.info("Schema registry at {} is {} the leader for topic '{}'", myUrl, isLeader ? "now" : "no longer",
                    partition.topic());
            }
            leader = isLeader;
            generation++;
            monitor.notifyAll();
        }
    }

    /** Whether this instance holds the registry topic's partition in the election group. */
    public boolean isLeader() {
        return leader;
    }

    /** The advertised URL of this instance. */
    public String myUrl() {
        return myUrl;
    }

    /** The leader's URL as the group coordinator sees it now; empty during a rebalance or with no member. */
    public Optional<String> leaderUrl() {
        if (leader) {
            return Optional.of(myUrl);
        }
        try {
            Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(List.of(groupId)).all()
                .get(properties.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            ConsumerGroupDescription group = groups.get(groupId);
            if (group == null) {
                return Optional.empty();
            }
            for (MemberDescription member : group.members()) {
                if (member.assignment().topicPartitions().contains(partition)
                    && member.clientId().startsWith(CLIENT_ID_PREFIX)) {
                    return Optional.of(member.clientId().substring(CLIENT_ID_PREFIX.length()));
                }
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            log.debug("Cannot describe the election group {}: {}", groupId, e.toString());
            return Optional.empty();
        }
    }

    /** Waits until a leader (this instance or another) is known, at most {@code timeout}. */
    public boolean awaitLeader(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (leader || leaderUrl().isPresent()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            awaitChange(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
        }
    }

    /** Waits for the next change of leadership, or {@code nanos}, whichever comes first. */
    public void awaitChange(long nanos) {
        synchronized (monitor) {
            long seen = generation;
            long deadline = System.nanoTime() + nanos;
            while (generation == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(monitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Leaves the group (so another instance takes over at once) and closes the clients. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        setLeader(false);
        consumer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
