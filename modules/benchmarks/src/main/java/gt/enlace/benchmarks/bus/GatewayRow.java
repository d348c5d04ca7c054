package gt.enlace.benchmarks.bus;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.node.ArrayNode;
import gt.enlace.benchmarks.BenchmarkContext;
import gt.enlace.benchmarks.BenchmarkRow;
import gt.enlace.benchmarks.Goal;
import gt.enlace.benchmarks.RowResult;
import gt.enlace.benchmarks.RunSettings;
import gt.enlace.publisher.EventPublisher;
import gt.enlace.publisher.gateway.GatewayConfiguration;
import gt.enlace.publisher.json.JsonText;
import gt.enlace.publisher.json.PlainJson;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.samples.SampleEvents;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Issue 5's gateway goal: batched plain JSON to {@code POST /api/v1/topics/{topic}/events} at least
 * {@value #GOAL_EVENTS_PER_SECOND} events/s on this machine (an absolute goal).
 *
 * <p>Starts the gateway ({@link GatewayConfiguration}, the same Spring configuration the platform imports, with
 * Tomcat and Spring MVC as the platform serves it) in this JVM on a free port over the run's broker and registry,
 * with the benchmark catalog. {@value #CLIENTS} clients (each a {@code java.net.http.HttpClient}, HTTP/1.1) post
 * arrays of {@value #BATCH} RENAP births (the catalog's samples as plain JSON) back to back for
 * {@link RunSettings#loadMeasurement()}; the figure counts the events of {@code 200} answers (the gateway answers
 * only after Kafka acknowledged every event) per second. Baseline, for context: the SDK publishing the same births
 * ({@link PublishLoad}, bounded window) for the same time in the same run. Each side writes a fresh topic per
 * repetition.
 */
public final class GatewayRow implements BenchmarkRow {

    /** The goal, events per second. */
    public static final double GOAL_EVENTS_PER_SECOND = 20_000;
    /** Events per request. */
    public static final int BATCH = 500;
    /** Concurrent HTTP clients. */
    public static final int CLIENTS = 4;

    @Override
    public String id() {
        return "gateway.json";
    }

    @Override
    public String title() {
        return "Gateway POST events, JSON arrays of 500 births, 4 clients";
    }

    @Override
    public String unit() {
        return "events/s";
    }

    @Override
    public String baseline() {
        return "SDK publishing the same births (context)";
    }

    @Override
    public Goal goal() {
        return Goal.atLeast(GOAL_EVENTS_PER_SECOND, unit());
    }

    /** The gateway alone, as the platform's web application imports it. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        TomcatServletWebServerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        HttpEncodingAutoConfiguration.class,
        WebMvcAutoConfiguration.class})
    @Import(GatewayConfiguration.class)
    static class GatewayApplication {

        static TopicCatalog catalog;

        @Bean
        TopicCatalog benchmarkCatalog() {
            return catalog;
        }
    }

    @Override
    public RowResult run(BenchmarkContext context) throws Exception {
        BusFixture bus = BusFixture.of(context);
        RunSettings settings = context.settings();
        List<SpecificRecord> births = new ArrayList<>();
        ArrayNode array = JsonText.mapper().createArrayNode();
        for (int i = 0; i < BATCH; i++) {
            SpecificRecord birth = SampleEvents.sampleFor(BusFixture.BIRTHS, i);
            births.add(birth);
            array.add(PlainJson.toJson(birth));
        }
        byte[] body = JsonText.mapper().writeValueAsBytes(array);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("eventsPerRequest", BATCH);
        details.put("clients", CLIENTS);
        details.put("requestBytes", body.length);
        AtomicLong rejectedRequests = new AtomicLong();
        AtomicReference<String> firstRejection = new AtomicReference<>();

        GatewayApplication.catalog = bus.catalog();
        context.progress("%s: starting the gateway", id());
        SpringApplication application = new SpringApplicationBuilder(GatewayApplication.class)
            .web(WebApplicationType.SERVLET)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .registerShutdownHook(false)
            .properties(Map.of(
                "server.port", 0,
                "server.address", "127.0.0.1",
                "spring.config.name", "enlace-bench-gateway",
                "server.shutdown", "immediate",
                "enlace.platform.bootstrap-servers", bus.bootstrapServers(),
                "enlace.platform.registry-url", bus.registryUrl()))
            .build();
        // The benchmark owns logging: do not let the gateway's application re-initialise it.
        java.util.Set<ApplicationListener<?>> listeners = new java.util.LinkedHashSet<>(application.getListeners());
        listeners.removeIf(LoggingApplicationListener.class::isInstance);
        application.setListeners(listeners);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try (ConfigurableApplicationContext gateway = application.run();
             EventPublisher publisher = new EventPublisher(bus.publisherConfig("renap"), bus.catalog())) {
            String base = "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port");
            List<HttpClient> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build());
            }
            Repetitions.Side enlace = rep -> {
                String topic = bus.freshTopic(BusFixture.BIRTHS);
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/topics/" + topic + "/events"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
                long duration = (rep == 0 ? settings.loadWarmup() : settings.loadMeasurement()).toNanos();
                AtomicLong events = new AtomicLong();
                long start = System.nanoTime();
                List<Future<?>> running = new ArrayList<>();
                for (HttpClient client : clients) {
                    running.add(pool.submit(() -> {
                        do {
                            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() == 200) {
                                events.addAndGet(BATCH);
                            } else {
                                rejectedRequests.incrementAndGet();
                                firstRejection.compareAndSet(null, response.statusCode() + " "
                                    + response.body().substring(0, Math.min(300, response.body().length())));
                            }
                        } while (System.nanoTime() - start < duration);
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
                long elapsed = System.nanoTime() - start;
                if (events.get() == 0) {
                    throw new IllegalStateException("the gateway accepted no request; first answer: " + firstRejection.get());
                }
                return events.get() / (elapsed / 1e9);
            };
            Repetitions.Side sdk = rep -> {
                String topic = bus.freshTopic(BusFixture.BIRTHS);
                return PublishLoad.forDuration(rep == 0 ? settings.loadWarmup() : settings.loadMeasurement(),
                    PublishLoad.DEFAULT_WINDOW, (i, done) -> publisher.publish(topic, births.get((int) (i % births.size())))
                        .whenComplete((receipt, error) -> done.accept(error))).perSecond();
            };
            RowResult result = Repetitions.alternate(context, id(), unit(), enlace, sdk, details, true,
                !goal().comparesWithBaseline());
            details.put("rejectedRequests", rejectedRequests.get());
            if (firstRejection.get() != null) {
                details.put("firstRejection", firstRejection.get());
            }
            return new RowResult(result.enlace(), result.baseline(), details);
        } finally {
            pool.shutdownNow();
            GatewayApplication.catalog = null;
        }
    }
}
