package gt.enlace.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import gt.enlace.platform.cli.UpCommand;
import gt.enlace.platform.runtime.PlatformRole;
import gt.enlace.platform.runtime.PlatformSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * The root {@code docker-compose.yml} (which cannot be started here: no Docker) agrees with the platform:
 * a consistent 3-node KRaft quorum with production replication settings, Enlace services whose flags are
 * {@code enlace up}'s own options and whose ports are the ones those flags (or their defaults) open,
 * health checks everywhere and no secrets.
 */
class ComposeFileTest {

    private static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");

    private static String text;
    private static Map<String, Map<String, Object>> services;
    private static Map<String, Object> compose;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        Path file = repositoryRoot().resolve("docker-compose.yml");
        text = Files.readString(file);
        compose = new Yaml().load(text);
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void threeBrokersWithDistinctNodeIdsShareOneVotersListNamingEachOfThem() {
        Set<String> nodeIds = new HashSet<>();
        Set<String> voterLists = new HashSet<>();
        Set<String> clusterIds = new HashSet<>();
        for (String broker : BROKERS) {
            Map<String, Object> service = services.get(broker);
            assertThat(service).as(broker).isNotNull();
            assertThat(String.valueOf(service.get("image"))).as(broker).matches("apache/kafka:\\$\\{KAFKA_VERSION:-4\\.2\\.1}|apache/kafka:4\\.2\\.1");
            Map<String, String> env = environment(service);
            assertThat(env).as(broker).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
            nodeIds.add(env.get("KAFKA_NODE_ID"));
            voterLists.add(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"));
            clusterIds.add(env.get("CLUSTER_ID"));
            assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).as(broker).contains("PLAINTEXT://" + broker + ":9092");
        }
        assertThat(nodeIds).hasSize(3).doesNotContainNull();
        assertThat(clusterIds).hasSize(1).doesNotContainNull();
        assertThat(voterLists).hasSize(1);
        Map<String, String> voters = new LinkedHashMap<>();
        for (String voter : voterLists.iterator().next().split(",")) {
            String[] idAndAddress = voter.split("@");
            voters.put(idAndAddress[0], idAndAddress[1]);
        }
        assertThat(voters.keySet()).isEqualTo(nodeIds);
        for (String broker : BROKERS) {
            assertThat(voters.get(environment(services.get(broker)).get("KAFKA_NODE_ID"))).isEqualTo(broker + ":9093");
        }
    }

    @Test
    void brokersReplicateEverythingThreeTimesAndAcknowledgeOnlyWithTwoInSync() {
        for (String broker : BROKERS) {
            Map<String, String> env = environment(services.get(broker));
            assertThat(env).as(broker)
                .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        }
        assertThat(environment(services.get("schema-registry")))
            .containsEntry("SCHEMA_REGISTRY_KAFKASTORE_TOPIC", "_schemas")
            .containsEntry("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR", "3");
    }

    @Test
    void enlaceServicesUseOnlyUpCommandOptionsAndPublishThePortsThoseOptionsOpen() {
        Set<String> options = new CommandLine(new UpCommand()).getCommandSpec().options().stream()
            .flatMap(o -> List.of(o.names()).stream()).collect(Collectors.toSet());
        Map<String, Set<PlatformRole>> rolesByService = new LinkedHashMap<>();
        for (String name : List.of("enlace-registry", "enlace-web")) {
            Map<String, Object> service = services.get(name);
            List<String> command = command(service);
            assertThat(command.get(0)).isEqualTo("up");
            Map<String, String> flags = flags(command.subList(1, command.size()));
            assertThat(options).as(name + " flags").containsAll(flags.keySet());
            assertThat(flags).as(name).containsKey("--bootstrap-servers").containsEntry("--bind", "0.0.0.0");
            for (String server : flags.get("--bootstrap-servers").split(",")) {
                assertThat(BROKERS).as(name).contains(server.split(":")[0]);
                assertThat(server).endsWith(":9092");
            }
            Set<PlatformRole> roles = PlatformRole.parse(flags.get("--roles"));
            assertThat(roles).as(name).doesNotContain(PlatformRole.BROKER);
            rolesByService.put(name, roles);

            int httpPort = Integer.parseInt(flags.getOrDefault("--http-port", String.valueOf(PlatformSettings.DEFAULT_HTTP_PORT)));
            assertThat(httpPort).isEqualTo(PlatformSettings.DEFAULT_HTTP_PORT);
            assertThat(healthCheck(service)).as(name).contains("http://localhost:" + httpPort + "/health");
            if (roles.contains(PlatformRole.REGISTRY)) {
                int registryPort = Integer.parseInt(flags.getOrDefault("--registry-port",
                    String.valueOf(PlatformSettings.DEFAULT_REGISTRY_PORT)));
                assertThat(registryPort).isEqualTo(PlatformSettings.DEFAULT_REGISTRY_PORT);
                assertThat(containerPorts(service)).as(name).contains(registryPort);
            }
            if (roles.contains(PlatformRole.GATEWAY) || roles.contains(PlatformRole.SURVEY)) {
                assertThat(containerPorts(service)).as(name).contains(httpPort);
                if (!roles.contains(PlatformRole.REGISTRY)) {
                    assertThat(flags.get("--registry-url")).as(name)
                        .isEqualTo("http://registry:" + PlatformSettings.DEFAULT_REGISTRY_PORT);
                }
            }
        }
        // Between them, the Enlace services run every role but the broker (Kafka's own images do that).
        Set<PlatformRole> all = rolesByService.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        assertThat(all).containsExactlyInAnyOrder(PlatformRole.REGISTRY, PlatformRole.GATEWAY, PlatformRole.SURVEY);
    }

    @Test
    void theTwoRegistriesAreAlternativeProfilesAnsweringAtTheSameNameAndPort() {
        Map<String, Object> enlace = services.get("enlace-registry");
        Map<String, Object> confluent = services.get("schema-registry");
        assertThat(enlace.get("profiles")).isEqualTo(List.of("enlace"));
        assertThat(confluent.get("profiles")).isEqualTo(List.of("confluent"));
        assertThat(String.valueOf(confluent.get("image"))).startsWith("confluentinc/cp-schema-registry:");
        for (Map<String, Object> registry : List.of(enlace, confluent)) {
            assertThat(text).contains("aliases: [registry]");
            assertThat(containerPorts(registry)).contains(PlatformSettings.DEFAULT_REGISTRY_PORT);
        }
        assertThat(environment(confluent).get("SCHEMA_REGISTRY_LISTENERS")).endsWith(":" + PlatformSettings.DEFAULT_REGISTRY_PORT);
        assertThat(services.get("enlace-web").get("profiles")).as("the web roles run in every profile").isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceHasAHealthCheckAndEveryStatefulOneANamedVolume() {
        Set<String> namedVolumes = ((Map<String, Object>) compose.get("volumes")).keySet();
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            assertThat(healthCheck(service.getValue())).as(service.getKey() + " health check").isNotBlank();
            if (!service.getKey().equals("schema-registry")) {
                List<String> volumes = (List<String>) service.getValue().get("volumes");
                assertThat(volumes).as(service.getKey() + " volumes").isNotEmpty();
                for (String volume : volumes) {
                    assertThat(namedVolumes).as(service.getKey()).contains(volume.split(":")[0]);
                }
            }
        }
    }

    @Test
    void noPasswordOrSecretIsWrittenInTheFiles() throws IOException {
        Pattern secretKey = Pattern.compile("(?im)^\\s*([A-Z0-9_.-]*(PASSWORD|SECRET|TOKEN|CREDENTIAL)[A-Z0-9_.-]*)\\s*[:=]\\s*(.*)$");
        for (String file : List.of("docker-compose.yml", ".env.example", "Dockerfile")) {
            Matcher m = secretKey.matcher(Files.readString(repositoryRoot().resolve(file)));
            List<String> literal = new ArrayList<>();
            while (m.find()) {
                String value = m.group(3).trim();
                if (!value.isEmpty() && !value.startsWith("${")) {
                    literal.add(m.group(1));
                }
            }
            assertThat(literal).as(file).isEmpty();
            assertThat(Files.readString(repositoryRoot().resolve(file))).as(file).doesNotContainPattern("(?i)password\\s*=\\s*\\S");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theEnlaceImageIsBuiltFromTheseSourcesByTheReactorAndTrustsTheGeneratedAvroClasses() throws IOException {
        Path root = repositoryRoot();
        assertThat(((Map<String, Object>) compose.get("x-enlace")).get("build")).as("build context").isEqualTo(".");
        List<String> lines = dockerfileInstructions(Files.readString(root.resolve("Dockerfile")));
        List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(froms).as("a build stage and a runtime stage").hasSize(2);
        assertThat(froms.get(0)).as("the build stage has a JDK and a name").contains("-jdk").endsWith(" AS build");
        int runtime = lines.indexOf(froms.get(1));
        List<String> build = lines.subList(1, runtime);

        Set<String> copied = new HashSet<>();
        for (String copy : build.stream().filter(l -> l.startsWith("COPY ")).toList()) {
            List<String> parts = List.of(copy.split("\\s+"));
            for (String source : parts.subList(1, parts.size() - 1)) {
                assertThat(root.resolve(source)).as("COPY source " + source).exists();
                copied.add(source.replaceAll("/$", ""));
            }
        }
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(root.resolve("pom.xml")));
        List<String> modules = new ArrayList<>();
        while (module.find()) {
            modules.add(module.group(1));
        }
        assertThat(modules).as("reactor modules").isNotEmpty();
        // Maven loads every module of the parent pom even with -pl, so each must be in the build context.
        for (String m : modules) {
            assertThat(copied).as("the build stage copies " + m).anyMatch(c -> m.equals(c) || m.startsWith(c + "/"));
        }
        assertThat(copied).contains("mvnw", "pom.xml", ".mvn", "schemas");
        assertThat(build).as("the reactor builds the platform and the modules it needs")
            .anyMatch(l -> l.startsWith("RUN ") && l.contains("./mvnw") && l.contains(" package")
                && l.contains("-pl modules/platform -am"));

        Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>")
            .matcher(Files.readString(root.resolve("modules/platform/pom.xml")));
        assertThat(finalName.find()).as("the platform pom names its jar").isTrue();
        String jar = finalName.group(1) + ".jar";
        List<String> runtimeStage = lines.subList(runtime, lines.size());
        assertThat(runtimeStage).as("the runtime stage takes the jar the build stage made")
            .anyMatch(l -> l.startsWith("COPY --from=build ") && l.contains(jar));
        assertThat(build).anyMatch(l -> l.contains("modules/platform/target/" + jar));
        assertThat(runtimeStage).as("the runtime stage builds nothing").noneMatch(l -> l.contains("mvnw"));
        assertThat(runtimeStage).as("Avro reads the generated classes only from trusted packages, as ./enlace sets")
            .anyMatch(l -> l.startsWith("ENTRYPOINT ") && l.contains("\"-Dorg.apache.avro.SERIALIZABLE_PACKAGES=gt.enlace\""));

        List<String> ignored = Files.readAllLines(root.resolve(".dockerignore")).stream()
            .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ignored).as("build output and history stay out of the build context").contains(".git", "**/target");
    }

    /** The Dockerfile's instructions, one per entry: comments dropped, continuation lines joined. */
    private static List<String> dockerfileInstructions(String dockerfile) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean continues = trimmed.endsWith("\\");
            current.append(current.isEmpty() ? "" : " ").append(continues ? trimmed.substring(0, trimmed.length() - 1).trim() : trimmed);
            if (!continues) {
                instructions.add(current.toString().replaceAll("\\s+", " "));
                current.setLength(0);
            }
        }
        return instructions;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        ((Map<String, Object>) service.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    @SuppressWarnings("unchecked")
    private static List<String> command(Map<String, Object> service) {
        return ((List<Object>) service.get("command")).stream().map(String::valueOf).toList();
    }

    private static Map<String, String> flags(List<String> args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            assertThat(args.get(i)).startsWith("--");
            flags.put(args.get(i), args.get(i + 1));
        }
        return flags;
    }

    @SuppressWarnings("unchecked")
    private static String healthCheck(Map<String, Object> service) {
        Map<String, Object> check = (Map<String, Object>) service.get("healthcheck");
        if (check == null) {
            return "";
        }
        Object test = check.get("test");
        return test instanceof List<?> list ? list.stream().map(String::valueOf).collect(Collectors.joining(" ")) : String.valueOf(test);
    }

    @SuppressWarnings("unchecked")
    private static Set<Integer> containerPorts(Map<String, Object> service) {
        Set<Integer> ports = new TreeSet<>();
        for (Object port : (List<Object>) service.getOrDefault("ports", List.of())) {
            String[] parts = String.valueOf(port).split(":");
            ports.add(Integer.parseInt(parts[parts.length - 1]));
        }
        return ports;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a docker-compose.yml above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }
}
