package gt.enlace.platform.faults;

import static gt.enlace.platform.faults.FaultKit.BIRTHS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformRole;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.publisher.EventPublisher;
import gt.enlace.publisher.PublishError;
import gt.enlace.publisher.PublishException;
import gt.enlace.publisher.PublishReceipt;
import gt.enlace.publisher.json.JsonText;
import gt.enlace.publisher.json.PlainJson;
import gt.enlace.schemas.samples.SampleEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema registry goes down while the SDK and the gateway publish: serializers that already hold a topic's
 * schema id keep publishing it, and publishing a schema they have not seen yet fails at once with a retriable error
 * that names the registry.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RegistryOutageFaultIT {

    private static final String DEATHS = "gt.renap.death-registered.v1";

    @TempDir
    Path registryDir;

    @TempDir
    Path gatewayDir;

    @Test
    void cachedSchemaIdsKeepPublishingAndANewSchemaFailsNamingTheRegistry(EmbeddedBroker broker) throws Exception {
        Platform registry = Platform.start(PlatformSettings.ephemeral(registryDir, EnumSet.of(PlatformRole.REGISTRY),
            broker.bootstrapServers(), null), FaultKit.CATALOG, line -> { });
        String registryUrl = registry.registryUrl();
        String registryAddress = URI.create(registryUrl).getAuthority();
        try (Platform gateway = Platform.start(PlatformSettings.ephemeral(gatewayDir, EnumSet.of(PlatformRole.GATEWAY),
                 broker.bootstrapServers(), registryUrl), FaultKit.CATALOG, line -> { });
             EventPublisher sdk = FaultKit.renapPublisher(broker.bootstrapServers(), registryUrl, Map.of())) {
            String births = gateway.httpUrl() + "/api/v1/topics/" + BIRTHS + "/events";
            String deaths = gateway.httpUrl() + "/api/v1/topics/" + DEATHS + "/events";
            sdk.publish(BIRTHS, SampleEvents.sampleFor(BIRTHS, 0)).get(60, TimeUnit.SECONDS);
            assertThat(post(births, BIRTHS, 0).statusCode()).isEqualTo(200);

            registry.close();

            List<CompletableFuture<PublishReceipt>> acks = new ArrayList<>();
            for (int i = 1; i <= 500; i++) {
                acks.add(sdk.publish(BIRTHS, SampleEvents.sampleFor(BIRTHS, i)));
            }
            for (CompletableFuture<PublishReceipt> ack : acks) {
                assertThat(ack.get(60, TimeUnit.SECONDS).offset()).isNotNegative();
            }
            for (int i = 1; i <= 20; i++) {
                HttpResponse<String> response = post(births, BIRTHS, i);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }

            long t0 = System.nanoTime();
            Throwable failure = catchThrowable(() -> sdk.publish(DEATHS, SampleEvents.sampleFor(DEATHS, 0)).get(60, TimeUnit.SECONDS));
            long sdkMillis = (System.nanoTime() - t0) / 1_000_000;
            Throwable cause = failure instanceof ExecutionException ? failure.getCause() : failure;
            assertThat(cause).isInstanceOf(PublishException.class);
            PublishException publishFailure = (PublishException) cause;
            assertThat(publishFailure.error()).isEqualTo(PublishError.REGISTRY_UNAVAILABLE);
            assertThat(publishFailure.error().retriable()).isTrue();
            assertThat(publishFailure.getMessage()).contains("schema registry").contains(registryAddress);

            HttpResponse<String> response = post(deaths, DEATHS, 0);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(response.body()).contains("\"code\":\"UNAVAILABLE\"").contains("schema registry").contains(registryAddress);
            System.out.printf("registry down: 500 SDK events and 20 gateway events with cached schema ids published; "
                + "a new schema failed in %d ms: %s%n", sdkMillis, publishFailure.getMessage());
        } finally {
            registry.close();
        }
    }

    private static HttpResponse<String> post(String url, String topic, int index) throws Exception {
        return FaultKit.post(url, "application/json", JsonText.mapper().writeValueAsBytes(PlainJson.toJson(SampleEvents.sampleFor(topic, index))),
            Map.of());
    }
}
