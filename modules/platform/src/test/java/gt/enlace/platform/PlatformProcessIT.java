package gt.enlace.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import gt.enlace.schemas.catalog.TopicCatalog;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code enlace up} as a separate JVM: kill -9 and SIGTERM. */
class PlatformProcessIT {

    @TempDir
    Path dataDir;

    @Test
    void everyRecordAcknowledgedBeforeKillMinusNineIsPresentAfterRestart() throws Exception {
        String topic = TopicCatalog.loadDefault().topics().get(0).name();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean killed = new AtomicBoolean();
        try (PlatformProcess first = PlatformProcess.up(dataDir)) {
            Duration startup = first.awaitHealthy(Duration.ofSeconds(90));
            System.out.printf("enlace up: /health 200 after %d ms, resident memory %d MiB%n",
                startup.toMillis(), first.residentKib() / 1024);
            try (KafkaProducer<String, String> producer = KafkaClients.producer(first.bootstrapServers())) {
                for (int i = 0; !killed.get(); i++) {
                    String value = "event-" + i;
                    producer.send(new ProducerRecord<>(topic, "k" + i, value), (metadata, error) -> {
                        if (error == null) {
                            acknowledged.add(value);
                        }
                    });
                    if (i == 2000) {
                        producer.flush();
                    }
                    if (i == 2500) {
                        // Kill while sends are in flight: some are acknowledged, some are not.
                        first.kill9();
                        killed.set(true);
                    }
                }
                // The broker is gone: nothing more will be acknowledged, and waiting longer only delays the restart.
                producer.close(Duration.ofSeconds(1));
            }
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(2001);

        try (PlatformProcess second = PlatformProcess.up(dataDir)) {
            second.awaitHealthy(Duration.ofSeconds(90));
            List<String> read = KafkaClients.readValues(second.bootstrapServers(), topic, acknowledged.size());
            assertThat(read).containsAll(acknowledged);
        }
    }

    @Test
    void sigtermStopsThePlatformCleanlyAndTheNextStartReusesTheData() throws Exception {
        try (PlatformProcess platform = PlatformProcess.up(dataDir)) {
            platform.awaitHealthy(Duration.ofSeconds(90));
            assertThat(platform.output()).contains("Enlace is up").contains("/health");
            platform.process.destroy();
            assertThat(platform.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(platform.output()).contains("Enlace stopped.");
        }
        try (PlatformProcess again = PlatformProcess.up(dataDir)) {
            again.awaitHealthy(Duration.ofSeconds(90));
            assertThat(again.output()).contains("0 created");
        }
    }
}
