package gt.enlace.platform.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.portal.onboarding.SnippetGenerator;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The onboarding snippets cannot rot: against a real platform, the Java SDK publisher, the plain-Java subscriber and
 * the Spring Boot listener of every catalog topic are compiled with {@code javax.tools.JavaCompiler} on the test
 * classpath, those of a couple of topics run in their own JVMs (publish, then read back what was published), and the
 * curl snippet runs with the real {@code curl}.
 */
class SnippetsIT {

    private static final List<String> TOPICS = List.of("gt.renap.birth-registered.v1", "gt.sat.taxpayer-registered.v1");
    private static final Pattern PUBLISHED = Pattern.compile("published (\\S+) to (\\S+)-(\\d+)@(\\d+)");
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    static Path dir;

    private static Platform platform;
    private static SnippetGenerator snippets;
    private static Path classes;
    private static List<Path> springKafka;
    private static final Map<String, String> springSources = new LinkedHashMap<>();
    private static TopicCatalog catalog = TopicCatalog.loadDefault();

    @BeforeAll
    static void startAndCompile() throws IOException {
        platform = Platform.start(PlatformSettings.ephemeral(dir.resolve("platform")), catalog, line -> { });
        snippets = new SnippetGenerator(catalog, new SnippetGenerator.Endpoints(platform.bootstrapServers(),
                platform.registryUrl(), platform.httpUrl()));
        Map<String, String> sources = new LinkedHashMap<>();
        // Every topic's snippets are compiled (a field whose name or type makes a bad Java literal fails here); the
        // tests below run those of TOPICS.
        for (String topic : catalog.topics().stream().map(TopicDefinition::name).toList()) {
            String owner = catalog.topic(topic).orElseThrow().owner();
            String pkg = SnippetGenerator.javaPackage(owner);
            sources.put(pkg + "." + snippets.javaPublisherClass(topic), snippets.javaPublisher(owner, topic));
            sources.put(pkg + "." + snippets.javaSubscriberClass(topic), snippets.javaSubscriber(owner, topic));
            springSources.put(pkg + "." + snippets.springListenerClass(topic), snippets.springListener(owner, topic));
        }
        assertThat(sources).as("a publisher and a subscriber per catalog topic").hasSize(2 * catalog.topics().size());
        classes = SnippetCompiler.compile(dir.resolve("snippets"), sources);
        springKafka = SnippetCompiler.springKafkaJars().orElse(null);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void theJavaSdkSnippetPublishesAndThePlainJavaSubscriberSnippetReadsItBack() throws Exception {
        for (String topic : TOPICS) {
            String owner = catalog.topic(topic).orElseThrow().owner();
            String pkg = SnippetGenerator.javaPackage(owner);
            String eventId = publish(pkg + "." + snippets.javaPublisherClass(topic), topic);

            Path log = dir.resolve(topic + ".subscriber.log");
            Process subscriber = SnippetCompiler.run(classes, pkg + "." + snippets.javaSubscriberClass(topic), log);
            try {
                await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(Files.readString(log)).as(topic + " subscriber output")
                                .contains("received " + eventId + " from " + owner));
            } finally {
                subscriber.destroy();
                subscriber.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theSpringBootListenerSnippetReadsWhatTheSdkSnippetPublished() throws Exception {
        String topic = TOPICS.get(0);
        String owner = catalog.topic(topic).orElseThrow().owner();
        String pkg = SnippetGenerator.javaPackage(owner);
        org.junit.jupiter.api.Assumptions.assumeTrue(springKafka != null, "Spring Kafka's jars are not in the local "
                + "Maven repository (./mvnw -pl modules/subscriber install fetches them)");
        Path springClasses = SnippetCompiler.compile(dir.resolve("spring-snippets"), springSources, springKafka);
        String eventId = publish(pkg + "." + snippets.javaPublisherClass(topic), topic);

        Path log = dir.resolve("spring-listener.log");
        List<Path> extra = new java.util.ArrayList<>(springKafka);
        extra.add(0, springClasses);
        // Only what a test needs on top of the snippet: no web server, no port clash with the platform.
        Process listener = SnippetCompiler.run(classes, extra, pkg + "." + snippets.springListenerClass(topic), log,
                "--spring.main.web-application-type=none", "--spring.main.banner-mode=off");
        try {
            await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(Files.readString(log)).as("Spring listener output")
                            .contains("received " + eventId + " from " + owner));
        } finally {
            listener.destroy();
            listener.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theCurlSnippetPublishesThroughTheGateway() throws Exception {
        for (String topic : TOPICS) {
            Path script = dir.resolve(topic + ".sh");
            Files.writeString(script, "set -e\n" + snippets.curl(topic).replace("curl -s ", "curl -s -w '\\nstatus=%{http_code}' "),
                    StandardCharsets.UTF_8);
            Process curl = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
            assertThat(curl.waitFor(2, TimeUnit.MINUTES)).isTrue();
            String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(out).as(topic).contains("status=200").contains("\"topic\":\"" + topic + "\"").contains("\"count\":1");
        }
    }

    /** Runs a compiled publisher snippet and returns the event id it printed. */
    private static String publish(String mainClass, String topic) throws Exception {
        Path log = dir.resolve(mainClass + ".log");
        Process publisher = SnippetCompiler.run(classes, mainClass, log);
        assertThat(publisher.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as(mainClass + " finished").isTrue();
        String out = Files.readString(log);
        assertThat(publisher.exitValue()).as(mainClass + " exit status; output:\n" + out).isZero();
        Matcher m = PUBLISHED.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(m.group(2)).isEqualTo(topic);
        return m.group(1);
    }
}
