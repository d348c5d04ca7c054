package gt.enlace.platform.faults;

import static gt.enlace.platform.faults.FaultKit.BIRTHS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformRole;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.publisher.EventPublisher;
import gt.enlace.publisher.PublishException;
import gt.enlace.publisher.json.JsonText;
import gt.enlace.publisher.json.PlainJson;
import gt.enlace.schemas.samples.SampleEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka broker stopped for 20 s while the SDK and the gateway publish: publishers fail with a clear retriable
 * error (the gateway with 503, {@code Retry-After} and a JSON body), nothing acknowledged is lost, and publishing
 * resumes by itself once the broker is back, without restarting the publishers or the gateway.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BrokerOutageFaultIT {

    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aTwentySecondBrokerOutageLosesNothingAcknowledgedAndPublishingResumesByItself() throws Exception {
        int kafkaPort = EmbeddedBroker.freePort();
        int controllerPort = EmbeddedBroker.freePort();
        EmbeddedBroker broker = startBroker(kafkaPort, controllerPort);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<Throwable> sdkFailures = new CopyOnWriteArrayList<>();
        Map<String, String> gateway503 = new ConcurrentHashMap<>(); // Idempotency-Key -> one 503 answer
        Set<String> gatewayPending = ConcurrentHashMap.newKeySet();
        AtomicInteger requests = new AtomicInteger();
        ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
        try (Platform platform = Platform.start(PlatformSettings.ephemeral(dir,
                EnumSet.of(PlatformRole.REGISTRY, PlatformRole.GATEWAY), broker.bootstrapServers(), null), FaultKit.CATALOG, line -> { });
             EventPublisher sdk = FaultKit.renapPublisher(broker.bootstrapServers(), platform.registryUrl(), Map.of())) {
            String events = platform.httpUrl() + "/api/v1/topics/" + BIRTHS + "/events";
            AtomicInteger sdkIndex = new AtomicInteger();
            load.scheduleAtFixedRate(() -> {
                try {
                    sdk.publish(BIRTHS, SampleEvents.sampleFor(BIRTHS, sdkIndex.incrementAndGet())).whenComplete((receipt, error) -> {
                        if (receipt != null) {
                            acknowledged.add(receipt.eventId());
                        } else {
                            sdkFailures.add(error);
                        }
                    });
                } catch (PublishException e) {
                    sdkFailures.add(e); // blocked for max.block.ms, then failed
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
            AtomicInteger keyIndex = new AtomicInteger();
            load.scheduleAtFixedRate(() -> {
                String key = "outage-" + keyIndex.incrementAndGet();
                requests.incrementAndGet();
                try {
                    HttpResponse<String> response = post(events, key);
                    if (response.statusCode() == 200) {
                        acknowledged.addAll(ids(response.body()));
                        return;
                    }
                    gatewayPending.add(key);
                    if (response.statusCode() == 503) {
                        gateway503.put(key, response.headers().firstValue("Retry-After").orElse("<none>") + " " + response.body());
                    } else {
                        gateway503.put(key, "status " + response.statusCode() + " " + response.body());
                    }
                } catch (Exception e) {
                    gatewayPending.add(key);
                    gateway503.put(key, "no answer: " + e);
                }
            }, 0, 100, TimeUnit.MILLISECONDS);

            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 300);
            int beforeOutage = acknowledged.size();
            long stopped = System.nanoTime();
            broker.close();
            // The gateway says 503 with Retry-After and a JSON body naming the problem while Kafka is away.
            await().atMost(Duration.ofSeconds(60)).until(() -> !gateway503.isEmpty());
            await().atMost(Duration.ofSeconds(90)).until(() -> !sdkFailures.isEmpty());
            await().atMost(OUTAGE.plusSeconds(10)).until(() -> System.nanoTime() - stopped >= OUTAGE.toNanos());
            int failuresDuringOutage = sdkFailures.size();
            broker = startBroker(kafkaPort, controllerPort);
            long restarted = System.nanoTime();

            // Resumes by itself: the same SDK publisher and the same gateway publish again.
            int atRestart = acknowledged.size();
            await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged.size() >= atRestart + 200);
            long resumedMillis = (System.nanoTime() - restarted) / 1_000_000;
            int gatewayAcks = requests.get();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                HttpResponse<String> r = post(events, "after-outage-" + gatewayAcks);
                return r.statusCode() == 200;
            });
            load.shutdown();
            assertThat(load.awaitTermination(90, TimeUnit.SECONDS)).isTrue();
            sdk.flush();

            // A client retries what got a 503 with the same Idempotency-Key: now 200.
            for (String key : gatewayPending) {
                HttpResponse<String> response = post(events, key);
                assertThat(response.statusCode()).as(key + ": " + response.body()).isEqualTo(200);
                acknowledged.addAll(ids(response.body()));
            }

            assertThat(gateway503.values()).allSatisfy(answer -> {
                assertThat(answer).as("a 503 with Retry-After and a JSON error body").matches("(?s)\\d+ \\{\"code\":\"UNAVAILABLE\",\"message\":\".+");
            });
            assertThat(sdkFailures).allSatisfy(error -> {
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                assertThat(cause).isInstanceOf(PublishException.class);
                PublishException failure = (PublishException) cause;
                assertThat(failure.error().retriable()).as(failure.getMessage()).isTrue();
                assertThat(failure.getMessage()).as("names Kafka").containsIgnoringCase("kafka");
            });
            Map<String, Long> inKafka = FaultKit.counts(FaultKit.ceIds(broker.bootstrapServers(), BIRTHS));
            System.out.printf("broker outage %d s: %d acknowledged before, %d SDK failures during (retriable), %d gateway 503s "
                    + "(all retried to 200), publishing resumed %d ms after the broker, %d acknowledged in all, %d records in Kafka%n",
                OUTAGE.toSeconds(), beforeOutage, failuresDuringOutage, gatewayPending.size(), resumedMillis, acknowledged.size(),
                inKafka.values().stream().mapToLong(Long::longValue).sum());
            assertThat(acknowledged).allSatisfy(id -> assertThat(inKafka).as("acknowledged " + id).containsKey(id));
        } finally {
            load.shutdownNow();
            broker.close();
        }
    }

    private EmbeddedBroker startBroker(int kafkaPort, int controllerPort) {
        return EmbeddedBroker.builder().dataDir(dir.resolve("kafka")).port(kafkaPort).controllerPort(controllerPort)
            .startTimeout(Duration.ofSeconds(120)).build().start();
    }

    private static HttpResponse<String> post(String url, String key) throws Exception {
        int seed = Math.floorMod(key.hashCode(), SampleEvents.MAX_INDEX);
        return FaultKit.post(url, "application/json",
            JsonText.mapper().writeValueAsBytes(PlainJson.toJson(SampleEvents.sampleFor(BIRTHS, seed))), Map.of("Idempotency-Key", key));
    }

    private static List<String> ids(String body) throws IOException {
        JsonNode answer = JsonText.mapper().readTree(body);
        return java.util.stream.StreamSupport.stream(answer.path("events").spliterator(), false).map(e -> e.path("id").asText()).toList();
    }
}
