package gt.enlace.platform.faults;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import gt.enlace.subscriber.EventSubscriber;

/**
 * The subscriber JVM of {@link SubscriberKillFaultIT}: an {@link EventSubscriber} with the idempotency guard that
 * appends the {@code ce_id} of every event it handles to a file, one line each, before the handler returns.
 * Arguments: bootstrap servers, registry URL, group id, topic, output file.
 */
public final class SubscriberMain {

    private SubscriberMain() {
    }

    public static void main(String[] args) throws Exception {
        FileOutputStream out = new FileOutputStream(Path.of(args[4]).toFile(), true);
        EventSubscriber<Object> subscriber = EventSubscriber.builder(Object.class)
            .bootstrapServers(args[0])
            .registryUrl(args[1])
            .groupId(args[2])
            .topics(args[3])
            .idempotencyGuard(true)
            .clientProperty("max.poll.records", 200)
            // Static membership: a restarted subscriber takes its partitions back at once, without waiting for the
            // killed one's session to expire.
            .clientProperty("group.instance.id", args[2] + "-instance")
            .clientProperty("session.timeout.ms", 10_000)
            .handler((event, metadata) -> {
                try {
                    // One write per line: the kernel has it as soon as write returns, whatever kill -9 does next.
                    out.write((metadata.id() + "\n").getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            })
            .build();
        Runtime.getRuntime().addShutdownHook(new Thread(subscriber::close));
        System.out.println("subscribing");
        subscriber.run();
    }
}
