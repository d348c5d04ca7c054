package gt.enlace.platform.faults;

import static gt.enlace.platform.faults.FaultKit.BIRTHS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformRole;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.publisher.EventPublisher;
import gt.enlace.schemas.samples.SampleEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscriber in its own JVM ({@link SubscriberMain}) killed with SIGKILL at random moments, ten times, while a
 * producer publishes: after the last restart every published event has been handled (at least once), and the
 * idempotency guard keeps re-handling to the few events in flight at each kill.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class SubscriberKillFaultIT {

    private static final int EVENTS = 4_000;
    private static final int KILLS = 10;

    @TempDir
    Path dir;

    @Test
    void aSubscriberKilledTenTimesAtRandomMissesNoEvent() throws Exception {
        Path handled = dir.resolve("handled.txt");
        Files.createFile(handled);
        Set<String> published = ConcurrentHashMap.newKeySet();
        Random random = new Random(2026);
        ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
        try (Platform platform = Platform.start(PlatformSettings.ephemeral(dir.resolve("platform"),
                 EnumSet.of(PlatformRole.BROKER, PlatformRole.REGISTRY), null, null), FaultKit.CATALOG, line -> { });
             EventPublisher sdk = FaultKit.renapPublisher(platform.bootstrapServers(), platform.registryUrl(), Map.of())) {
            AtomicInteger next = new AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean producing = new java.util.concurrent.atomic.AtomicBoolean(true);
            producer.scheduleAtFixedRate(() -> {
                for (int i = 0; i < 10 && (next.get() < EVENTS || producing.get()); i++) {
                    sdk.publish(BIRTHS, SampleEvents.sampleFor(BIRTHS, next.getAndIncrement()))
                        .thenAccept(receipt -> published.add(receipt.eventId()));
                }
            }, 0, 100, TimeUnit.MILLISECONDS);

            String[] args = {platform.bootstrapServers(), platform.registryUrl(), "fault-subscriber", BIRTHS, handled.toString()};
            int kills = 0;
            while (kills < KILLS) {
                int before = lines(handled).size();
                Process subscriber = start(args);
                if (kills % 2 == 0) {
                    // In the middle of handling: once this subscriber has handled something, a random moment later.
                    await().atMost(Duration.ofSeconds(90)).until(() -> lines(handled).size() > before || !subscriber.isAlive());
                    subscriber.waitFor(random.nextInt(1_000), TimeUnit.MILLISECONDS);
                } else {
                    // Anywhere from start-up through joining the group to the first batches.
                    subscriber.waitFor(3_000 + random.nextInt(7_000), TimeUnit.MILLISECONDS);
                }
                assertThat(subscriber.isAlive()).as("the subscriber runs until killed: " + output(subscriber)).isTrue();
                subscriber.destroyForcibly().waitFor();
                kills++;
            }
            int handledAtLastKill = lines(handled).size();
            producing.set(false); // publishes on until the kills are done, then at least EVENTS in all
            await().atMost(Duration.ofSeconds(120)).until(() -> next.get() >= EVENTS);
            producer.shutdown();
            assertThat(producer.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            sdk.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> published.size() == next.get());

            Process last = start(args);
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> Set.copyOf(lines(handled)).containsAll(published));
            } finally {
                last.destroy();
                last.waitFor(30, TimeUnit.SECONDS);
                last.destroyForcibly();
            }
            List<String> ids = lines(handled);
            Map<String, Long> counts = FaultKit.counts(ids);
            long twice = counts.values().stream().filter(n -> n > 1).count();
            System.out.printf("subscriber killed %d times: %d events published, %d handled before the last kill, %d handled in all, "
                + "%d distinct, %d handled more than once%n", kills, published.size(), handledAtLastKill, ids.size(), counts.size(), twice);
            assertThat(counts.keySet()).containsAll(published);
            assertThat(handledAtLastKill).as("the killed subscribers made progress").isPositive();
        } finally {
            producer.shutdownNow();
        }
    }

    private Process start(String[] args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:+UseSerialGC", "-Xmx128m", "-XX:TieredStopAtLevel=1", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=gt.enlace",
            "-cp", System.getProperty("java.class.path"), SubscriberMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("subscriber.log").toFile())).start();
    }

    private String output(Process process) throws IOException {
        return Files.readString(dir.resolve("subscriber.log"));
    }

    /** Complete lines only: a kill in the middle of a write leaves a partial last line, which does not count. */
    private static List<String> lines(Path file) throws IOException {
        String text = Files.readString(file);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
    }
}
