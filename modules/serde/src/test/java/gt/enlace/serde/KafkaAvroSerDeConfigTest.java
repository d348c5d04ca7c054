package gt.enlace.serde;

import java.util.Map;

import gt.enlace.serde.internal.SchemaIdLocation;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Confluent's keys, Confluent's defaults, Confluent's class names. */
class KafkaAvroSerDeConfigTest {

    private static final Map<String, Object> URL = Map.of("schema.registry.url", "http://localhost:8081");

    @Test
    void defaultsAreConfluents() {
        KafkaAvroSerDeConfig config = new KafkaAvroSerDeConfig(URL);

        assertThat(config.getBoolean("auto.register.schemas")).isTrue();
        assertThat(config.getInt("use.schema.id")).isEqualTo(-1);
        assertThat(config.getBoolean("id.compatibility.strict")).isTrue();
        assertThat(config.getBoolean("use.latest.version")).isFalse();
        assertThat(config.getBoolean("latest.compatibility.strict")).isTrue();
        assertThat(config.getBoolean("normalize.schemas")).isFalse();
        assertThat(config.getBoolean("specific.avro.reader")).isFalse();
        assertThat(config.getBoolean("avro.use.logical.type.converters")).isFalse();
        assertThat(config.getString("basic.auth.credentials.source")).isEqualTo("URL");
        assertThat(config.getInt("max.schemas.per.subject")).isEqualTo(1000);
        assertThat(config.getLong("latest.cache.ttl.sec")).isEqualTo(60);
        assertThat(config.subjectNameStrategy(false)).isInstanceOf(TopicNameStrategy.class);
        assertThat(config.schemaIdSerializer(false)).isEqualTo(SchemaIdLocation.PREFIX);
        assertThat(config.schemaIdDeserializer(false)).isEqualTo(SchemaIdLocation.DUAL);
    }

    @Test
    void confluentClassNamesAreAcceptedSoConfigFilesMoveUnchanged() {
        KafkaAvroSerDeConfig config = new KafkaAvroSerDeConfig(Map.of(
            "schema.registry.url", "http://localhost:8081",
            "key.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy",
            "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicNameStrategy",
            "value.schema.id.serializer", "io.confluent.kafka.serializers.schema.id.HeaderSchemaIdSerializer",
            "value.schema.id.deserializer", "io.confluent.kafka.serializers.schema.id.PrefixSchemaIdDeserializer"));

        assertThat(config.subjectNameStrategy(true)).isInstanceOf(TopicRecordNameStrategy.class);
        assertThat(config.subjectNameStrategy(false)).isInstanceOf(TopicNameStrategy.class);
        assertThat(config.schemaIdSerializer(false)).isEqualTo(SchemaIdLocation.HEADER);
        assertThat(config.schemaIdDeserializer(false)).isEqualTo(SchemaIdLocation.PREFIX);
    }

    @Test
    void anUnknownStrategyIsAConfigErrorThatListsTheChoices() {
        KafkaAvroSerDeConfig config = new KafkaAvroSerDeConfig(Map.of(
            "schema.registry.url", "http://localhost:8081", "value.subject.name.strategy", "com.example.Nope"));

        assertThatThrownBy(() -> config.subjectNameStrategy(false))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining(RecordNameStrategy.class.getName());
    }

    @Test
    void theRegistryUrlIsRequired() {
        assertThatThrownBy(() -> new KafkaAvroSerDeConfig(Map.of()))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("schema.registry.url");
    }

    @Test
    void prefixedClientKeysWin() {
        KafkaAvroSerDeConfig config = new KafkaAvroSerDeConfig(Map.of(
            "schema.registry.url", "http://localhost:8081",
            "basic.auth.user.info", "a:b",
            "schema.registry.basic.auth.user.info", "c:d"));

        assertThat(config.getPassword("basic.auth.user.info").value()).isEqualTo("c:d");
    }
}
