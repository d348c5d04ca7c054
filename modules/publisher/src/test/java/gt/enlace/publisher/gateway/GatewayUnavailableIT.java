package gt.enlace.publisher.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.publisher.json.JsonText;
import gt.enlace.publisher.json.PlainJson;
import gt.enlace.schemas.samples.SampleEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/** A gateway whose Kafka is down answers 503 with Retry-After, quickly, and never a 500. */
class GatewayUnavailableIT {

    private static final String BIRTHS = "gt.renap.birth-registered.v1";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(GatewayConfiguration.class)
    static class GatewayOnly {

        /** Stands in for identities: this caller is RENAP, so SAT's topics are another institution's. */
        @org.springframework.context.annotation.Bean
        GatewayAuthorizer renapOnly() {
            return (request, topic) -> topic.owner().equals("renap") ? java.util.Optional.empty()
                : java.util.Optional.of("topic " + topic.name() + " belongs to " + topic.owner() + "; the caller is renap");
        }
    }

    private static ConfigurableApplicationContext context;
    private static String url;

    @BeforeAll
    static void start() {
        context = new SpringApplicationBuilder(GatewayOnly.class)
            .properties(
                "server.port=0",
                "server.address=127.0.0.1",
                "enlace.platform.bootstrap-servers=127.0.0.1:" + EmbeddedBroker.freePort(),
                "enlace.platform.registry-url=mock://gateway-unavailable",
                "enlace.gateway.kafka-timeout=2s",
                "enlace.gateway.retry-after=7s")
            .run();
        url = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    private static HttpResponse<String> post(String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/api/v1/topics/" + BIRTHS + "/events"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(JsonText.mapper().writeValueAsBytes(PlainJson.toJson(SampleEvents.sampleFor(BIRTHS, 1)))));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aKafkaOutageIs503WithRetryAfter() throws Exception {
        HttpResponse<String> response = post(null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("7");
        assertThat(response.body()).contains("\"code\":\"UNAVAILABLE\"");
    }

    @Test
    void aKafkaOutageWithAnIdempotencyKeyIs503Too() throws Exception {
        HttpResponse<String> response = post("retry-me");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void anotherInstitutionsTopicIs403WhenTheAuthorizerSaysSo() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/topics/gt.sat.taxpayer-registered.v1/events"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"TOPIC_NOT_OWNED\"").contains("belongs to sat");
    }

    @Test
    void jsonInAnotherCharsetIs415() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/topics/" + BIRTHS + "/events"))
            .header("Content-Type", "application/json; charset=ISO-8859-1").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(415);
    }

    @Test
    void validationStillAnswersWithoutKafka() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/topics/" + BIRTHS + "/events"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"registrationNumber\": 5}")).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(422);
    }
}
