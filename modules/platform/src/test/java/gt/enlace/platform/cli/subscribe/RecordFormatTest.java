package gt.enlace.platform.cli.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gt.enlace.renap.BirthRegistered;
import gt.enlace.schemas.samples.SampleEvents;
import java.io.ByteArrayOutputStream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RecordFormatTest {

    /** A sample birth as the tail reads it: generic data without logical-type conversions. */
    private static GenericRecord genericBirth() throws Exception {
        BirthRegistered birth = (BirthRegistered) SampleEvents.sampleFor("gt.renap.birth-registered.v1", 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(BirthRegistered.class).write(birth, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(BirthRegistered.getClassSchema(), BirthRegistered.getClassSchema(), new GenericData())
            .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    @Test
    void jsonShowsLogicalTypesAsIsoTextAndUnionsUnwrapped() throws Exception {
        BirthRegistered birth = (BirthRegistered) SampleEvents.sampleFor("gt.renap.birth-registered.v1", 2);
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("gt.renap.birth-registered.v1", 0, 3L, "k".getBytes(), new byte[0]);
        record.headers().add("ce_id", "id-1".getBytes());
        String json = RecordFormat.JSON.format(record, genericBirth());
        assertThat(json).startsWith("{\"topic\":\"gt.renap.birth-registered.v1\",\"partition\":0,\"offset\":3,")
            .contains("\"headers\":{\"ce_id\":\"id-1\"}")
            .contains("\"dateOfBirth\":\"" + birth.getDateOfBirth() + "\"")
            .contains("\"registeredAt\":\"" + birth.getRegisteredAt() + "\"")
            .endsWith("}\n");
        assertThat(RecordFormat.AVRO_JSON.format(record, genericBirth())).contains("\"schema\":\"gt.enlace.renap.BirthRegistered\"");
        assertThat(RecordFormat.TABLE.format(record, genericBirth())).contains("id-1").contains("BirthRegistered");
    }

    @Test
    void stringsAreEscapedAndNonUtf8HeadersShownAsBase64() {
        assertThat(Json.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
        assertThat(RecordFormat.text(new byte[] {(byte) 0xff, 0})).startsWith("base64:");
        assertThat(RecordFormat.parse("AVRO-JSON")).isEqualTo(RecordFormat.AVRO_JSON);
        assertThatThrownBy(() -> RecordFormat.parse("xml")).hasMessageContaining("json, avro-json or table");
    }
}
