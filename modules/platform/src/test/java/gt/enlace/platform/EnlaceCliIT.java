package gt.enlace.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnlaceCliIT {

    @TempDir
    Path dataDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = EnlaceCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void everyCommandExplainsItselfWithHelp() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("up").contains("topics");
        for (String command : new String[] {"up", "topics"}) {
            assertThat(run(command, "--help")).isZero();
        }
        assertThat(out.toString()).contains("--data-dir").contains("--bootstrap-servers").contains("--offline");
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitCodeTwo() {
        assertThat(run("up", "--no-such-option")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void aPortThatIsNotANumberNamesTheOption() {
        assertThat(run("up", "--http-port", "eighty")).isEqualTo(2);
        assertThat(err.toString()).contains("--http-port").contains("eighty");
    }

    @Test
    void anHttpPortAlreadyInUseFailsFastWithThePortAndNoBrokerData() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            assertThat(run("up", "--data-dir", dataDir.toString(), "--http-port", String.valueOf(port))).isEqualTo(1);
            assertThat(err.toString()).contains("Port " + port + " for the HTTP server is already in use");
        }
        assertThat(Files.exists(dataDir.resolve("kafka"))).isFalse();
    }

    @Test
    void topicsOfflineListsEveryCatalogTopicWithOwnerAndClassification() {
        assertThat(run("topics", "--offline")).isZero();
        for (gt.enlace.schemas.catalog.TopicDefinition topic : gt.enlace.schemas.catalog.TopicCatalog.loadDefault().topics()) {
            assertThat(out.toString()).containsPattern(topic.name().replace(".", "\\.") + "\\s+" + topic.owner()
                + "\\s+" + topic.classification().code() + "\\s+" + topic.partitions() + "\\s+-");
        }
    }

    @Test
    void aRegistryPortAlreadyInUseFailsFastWithThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            assertThat(run("up", "--data-dir", dataDir.toString(), "--http-port", "0", "--registry-port", String.valueOf(port))).isEqualTo(1);
            assertThat(err.toString()).contains("Port " + port + " for the schema registry is already in use");
        }
    }

    @Test
    void topicsWithoutABrokerSaysWhereItLookedAndHowToListOffline() {
        int closedPort = gt.enlace.broker.EmbeddedBroker.freePort();
        assertThat(run("topics", "--bootstrap-servers", "127.0.0.1:" + closedPort)).isEqualTo(1);
        assertThat(err.toString()).contains("Cannot reach Kafka at 127.0.0.1:" + closedPort).contains("--offline");
    }
}
