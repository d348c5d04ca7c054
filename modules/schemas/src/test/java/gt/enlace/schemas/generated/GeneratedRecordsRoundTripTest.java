package gt.enlace.schemas.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import gt.enlace.common.Address;
import gt.enlace.common.GeoLocation;
import gt.enlace.common.InstitutionCode;
import gt.enlace.common.Office;
import gt.enlace.common.PersonName;
import gt.enlace.renap.BirthRegistered;
import gt.enlace.rm.CompanyRegistered;
import gt.enlace.schemas.RoundTrip;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.schemas.samples.SampleEvents;

/**
 * Every class generated from schemas/ writes and reads back a realistic record through Avro binary, with
 * decimals, dates, times and timestamps on the wire as their logical types say.
 */
class GeneratedRecordsRoundTripTest {

    private static final GeoLocation ZONE_9 = GeoLocation.newBuilder()
            .setDepartmentCode("01").setMunicipalityCode("01").setLocality("Zona 9").build();

    /** A realistic record for every generated record class, by full name. */
    private static Map<String, SpecificRecord> samples() {
        Map<String, SpecificRecord> samples = new HashMap<>();
        samples.put(GeoLocation.class.getName(), ZONE_9);
        samples.put(Address.class.getName(), Address.newBuilder().setLine("7a. Avenida 3-73").setZone(9)
                .setLocation(ZONE_9).setPostalCode("01009").build());
        samples.put(Office.class.getName(), Office.newBuilder().setInstitution(InstitutionCode.SAT).setCode("0101-03")
                .setName("Oficina Tributaria Zona 9, Guatemala").setLocation(ZONE_9).build());
        samples.put(PersonName.class.getName(), PersonName.newBuilder().setGivenNames("María José").setFirstSurname("Pérez")
                .setSecondSurname("Xicará").setMarriedSurname("López").build());
        samples.put(gt.enlace.survey.SurveyAnswer.class.getName(), gt.enlace.survey.SurveyAnswer.newBuilder()
                .setItem("std.guidelines").setValue("2").build());
        for (String topic : SampleEvents.topics()) {
            SpecificRecord sample = SampleEvents.sampleFor(topic, 1);
            samples.put(sample.getSchema().getFullName(), sample);
        }
        return samples;
    }

    @Test
    void everyGeneratedRecordClassRoundTripsThroughAvroBinary() throws Exception {
        Set<String> generated = new TreeSet<>();
        for (TopicDefinition topic : TopicCatalog.loadDefault().topics()) {
            collectRecords(topic.schema(), generated);
        }
        Map<String, SpecificRecord> samples = samples();

        assertThat(samples.keySet()).containsAll(generated);
        for (String name : generated) {
            SpecificRecord sample = samples.get(name);
            assertThat(sample).isInstanceOf(Class.forName(name));
            assertThat(RoundTrip.throughBinary(sample)).as(name).isEqualTo(sample);
        }
    }

    private static void collectRecords(Schema schema, Set<String> names) {
        switch (schema.getType()) {
            case RECORD -> {
                if (names.add(schema.getFullName())) {
                    schema.getFields().forEach(field -> collectRecords(field.schema(), names));
                }
            }
            case UNION -> schema.getTypes().forEach(branch -> collectRecords(branch, names));
            case ARRAY -> collectRecords(schema.getElementType(), names);
            case MAP -> collectRecords(schema.getValueType(), names);
            default -> {
            }
        }
    }

    @Test
    void moneyTravelsAsADecimalWithTwoPlaces() throws IOException {
        CompanyRegistered company = CompanyRegistered.newBuilder(
                        (CompanyRegistered) SampleEvents.sampleFor("gt.rm.company-registered.v1"))
                .setAuthorisedCapital(new BigDecimal("500000.00"))
                .setPaidInCapital(new BigDecimal("5000.50"))
                .build();

        CompanyRegistered copy = RoundTrip.throughBinary(company);
        assertThat(copy.getAuthorisedCapital()).isEqualTo(new BigDecimal("500000.00"));
        assertThat(copy.getPaidInCapital()).isEqualTo(new BigDecimal("5000.50"));

        // On the wire: the unscaled value as big-endian two's-complement bytes, scale 2 from the schema.
        GenericRecord raw = readWithoutLogicalTypes(company);
        assertThat(new BigInteger(toArray((ByteBuffer) raw.get("paidInCapital")))).isEqualTo(BigInteger.valueOf(500_050));
    }

    @Test
    void moneyWithTheWrongScaleIsRejectedRatherThanRounded() {
        CompanyRegistered company = CompanyRegistered.newBuilder(
                        (CompanyRegistered) SampleEvents.sampleFor("gt.rm.company-registered.v1"))
                .setPaidInCapital(new BigDecimal("5000.505"))
                .build();

        assertThatThrownBy(() -> RoundTrip.toBinary(company)).isInstanceOf(AvroRuntimeException.class);
    }

    @Test
    void datesTimesAndTimestampsTravelAsTheirLogicalTypes() throws IOException {
        BirthRegistered birth = BirthRegistered.newBuilder(
                        (BirthRegistered) SampleEvents.sampleFor("gt.renap.birth-registered.v1"))
                .setDateOfBirth(LocalDate.of(2026, 11, 20))
                .setTimeOfBirth(LocalTime.of(14, 35))
                .setRegisteredAt(Instant.parse("2026-11-24T15:10:00Z"))
                .build();

        BirthRegistered copy = RoundTrip.throughBinary(birth);
        assertThat(copy.getDateOfBirth()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(copy.getTimeOfBirth()).isEqualTo(LocalTime.of(14, 35));
        assertThat(copy.getRegisteredAt()).isEqualTo(Instant.parse("2026-11-24T15:10:00Z"));

        GenericRecord raw = readWithoutLogicalTypes(birth);
        assertThat(raw.get("dateOfBirth")).isEqualTo((int) LocalDate.of(2026, 11, 20).toEpochDay());
        assertThat(raw.get("timeOfBirth")).isEqualTo((14 * 60 + 35) * 60_000);
        assertThat(raw.get("registeredAt")).isEqualTo(Instant.parse("2026-11-24T15:10:00Z").toEpochMilli());
    }

    @Test
    void optionalFieldsDefaultToNull() {
        PersonName name = PersonName.newBuilder().setGivenNames("Juana").setFirstSurname("Coc").build();

        assertThat(name.getSecondSurname()).isNull();
        assertThat(RoundTrip.throughBinary(name)).isEqualTo(name);
    }

    /** Reads the binary form with a plain GenericData, so logical types stay as their underlying Avro types. */
    private static GenericRecord readWithoutLogicalTypes(SpecificRecord record) throws IOException {
        GenericDatumReader<GenericRecord> reader =
                new GenericDatumReader<>(record.getSchema(), record.getSchema(), new GenericData());
        return reader.read(null, DecoderFactory.get().binaryDecoder(RoundTrip.toBinary(record), null));
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
