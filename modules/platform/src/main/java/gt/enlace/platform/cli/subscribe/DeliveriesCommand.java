package gt.enlace.platform.cli.subscribe;

import gt.enlace.subscriber.deliveries.DeliveryStatus;
import gt.enlace.subscriber.deliveries.GroupDelivery;
import gt.enlace.subscriber.deliveries.TopicDeliveries;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code enlace deliveries --topic T}: the consumer groups reading a topic, their lag and last delivery. */
@Command(name = "deliveries", mixinStandardHelpOptions = true,
    description = "Lists each consumer group reading a topic with its lag and last delivery time (\"2 of 3 subscribers delivered\").")
public final class DeliveriesCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic, e.g. gt.renap.birth-registered.v1.")
    String topic;

    @Override
    public Integer call() {
        TopicDeliveries deliveries;
        try (DeliveryStatus status = new DeliveryStatus(cluster.clientConfig())) {
            deliveries = status.deliveries(topic);
        } catch (UnknownTopicOrPartitionException e) {
            throw new IllegalStateException("Topic '" + topic + "' does not exist at " + cluster.bootstrapServers, e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new IllegalStateException("Cannot read deliveries from Kafka at " + cluster.bootstrapServers
                + " (is `./enlace up` running?): " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        String format = "%-40s %-12s %7s %10s  %s%n";
        out.printf(format, "GROUP", "STATE", "MEMBERS", "LAG", "LAST DELIVERY");
        for (GroupDelivery g : deliveries.groups()) {
            out.printf(format, g.group(), g.state(), g.members(), g.lag(), g.lastDeliveredAt() == null ? "-" : g.lastDeliveredAt());
        }
        out.println(deliveries.topic() + ": " + deliveries.endOffset() + " records; " + deliveries.summary());
        out.flush();
        return 0;
    }
}
