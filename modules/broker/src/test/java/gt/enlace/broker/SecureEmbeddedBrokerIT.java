package gt.enlace.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureEmbeddedBrokerIT {

    @TempDir
    Path dataDir;

    @Test
    void theAdminCanWorkFromTheFirstStartAndAfterARestartWhileAnUnknownUserIsRejected() throws Exception {
        EmbeddedBroker.Builder builder = EmbeddedBroker.builder().dataDir(dataDir).scram("admin", "adminSecret123");
        try (EmbeddedBroker broker = builder.build().start()) {
            assertThat(broker.secure()).isTrue();
            try (Admin admin = Admin.create(config(broker.bootstrapServers(), broker.adminClientProperties()))) {
                admin.createTopics(List.of(new NewTopic("secure-test", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            Map<String, Object> wrong = config(broker.bootstrapServers(),
                EmbeddedBroker.scramClientProperties("admin", "notThePassword"));
            try (Admin admin = Admin.create(wrong)) {
                assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SaslAuthenticationException.class);
            }
        }
        try (EmbeddedBroker broker = builder.build().start();
             Admin admin = Admin.create(config(broker.bootstrapServers(), broker.adminClientProperties()))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("secure-test");
        }
    }

    @Test
    void anAuthenticatedUserWithoutAclsIsDeniedEverything() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.builder().dataDir(dataDir).scram("admin", "adminSecret123").build().start();
             Admin admin = Admin.create(config(broker.bootstrapServers(), broker.adminClientProperties()))) {
            admin.createTopics(List.of(new NewTopic("guarded", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("renap",
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), "renapSecret123"))).all().get(30, TimeUnit.SECONDS);
            Map<String, Object> renap = config(broker.bootstrapServers(), EmbeddedBroker.scramClientProperties("renap", "renapSecret123"));
            renap.put("max.block.ms", "20000");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(renap, new StringSerializer(), new StringSerializer())) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("guarded", "k", "v")).get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
        }
    }

    @Test
    void anInsecureBrokerHasNoClientSecurityProperties() {
        EmbeddedBroker broker = EmbeddedBroker.builder().dataDir(dataDir).build();
        assertThat(broker.secure()).isFalse();
        assertThat(broker.adminClientProperties()).isEmpty();
        assertThatThrownBy(() -> EmbeddedBroker.builder().scram("admin", "short"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("adminPassword");
    }

    private static Map<String, Object> config(String bootstrap, Map<String, String> security) {
        Map<String, Object> config = new HashMap<>(security);
        config.put("bootstrap.servers", bootstrap);
        config.put("default.api.timeout.ms", "30000");
        return config;
    }
}
