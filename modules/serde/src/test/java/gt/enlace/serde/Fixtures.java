package gt.enlace.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.enlace.serde.client.internal.Guids;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Confluent wire fixtures in {@code /work/shared/fixtures/confluent-wire}, outside the repository.
 * Their location comes from the system property {@code enlace.fixtures.dir} (set by the pom), with
 * the same relative default; a missing directory FAILS the test instead of skipping it, so the
 * conformance check can never silently stop running.
 */
final class Fixtures {

    static final String PROPERTY = "enlace.fixtures.dir";
    static final String DEFAULT_DIR = "../../../shared/fixtures";
    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    static Path wireDir() {
        Path dir = Paths.get(System.getProperty(PROPERTY, DEFAULT_DIR)).resolve("confluent-wire").toAbsolutePath().normalize();
        assertThat(dir.resolve("manifest.json"))
            .as("Confluent wire fixtures must exist at %s (set -D%s=<dir containing confluent-wire/>)", dir, PROPERTY)
            .isRegularFile();
        return dir;
    }

    static JsonNode manifest() {
        return readJson(wireDir().resolve("manifest.json"));
    }

    static List<String> caseNames() {
        List<String> names = new ArrayList<>();
        manifest().get("cases").forEach(c -> names.add(c.get("name").asText()));
        assertThat(names).as("fixture cases").isNotEmpty();
        return names;
    }

    static JsonNode caseNode(String name) {
        for (JsonNode c : manifest().get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("No fixture case " + name);
    }

    static Schema birthSchema() {
        return new Schema.Parser().parse(read(wireDir().resolve("birth.avsc")));
    }

    static byte[] bytes(String file) {
        try {
            return Files.readAllBytes(wireDir().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode record(String caseName) {
        return readJson(wireDir().resolve(caseNode(caseName).get("record").asText()));
    }

    static int schemaId() {
        return manifest().get("schemaId").asInt();
    }

    static String subject() {
        return manifest().get("subject").asText();
    }

    /** The header value of a case, e.g. {@code 01a4c2…}. */
    static byte[] headerValue(String caseName, String header) {
        return HexFormat.of().parseHex(caseNode(caseName).get("headersHex").get(header).asText());
    }

    static UUID guid() {
        byte[] header = headerValue(caseNames().get(0), "__value_schema_id");
        return Guids.fromBytes(header, 1);
    }

    /** Builds the fixture record with Avro's logical-type Java types (LocalDate, Instant, BigDecimal). */
    static GenericRecord toRecord(Schema schema, JsonNode json) {
        GenericData.Record record = new GenericData.Record(schema);
        record.put("registrationNumber", json.get("registrationNumber").asText());
        record.put("childCui", json.get("childCui").asText());
        record.put("birthDate", LocalDate.ofEpochDay(json.get("birthDate").asLong()));
        record.put("registeredAt", Instant.ofEpochMilli(json.get("registeredAt").asLong()));
        record.put("municipalityCode", json.get("municipalityCode").asText());
        record.put("sex", new GenericData.EnumSymbol(schema.getField("sex").schema(), json.get("sex").asText()));
        record.put("weightGrams", json.get("weightGrams").isNull() ? null : json.get("weightGrams").asInt());
        record.put("motherCui", textOrNull(json.get("motherCui")));
        record.put("fatherCui", textOrNull(json.get("fatherCui")));
        record.put("fee", new BigDecimal(json.get("fee").asText()));
        List<String> notes = new ArrayList<>();
        json.get("notes").forEach(n -> notes.add(n.asText()));
        record.put("notes", notes);
        Map<String, String> attributes = new LinkedHashMap<>();
        json.get("attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
        record.put("attributes", attributes);
        JsonNode hospital = json.get("hospital");
        if (hospital.isNull()) {
            record.put("hospital", null);
        } else {
            Schema hospitalSchema = schema.getField("hospital").schema().getTypes().get(1);
            GenericData.Record h = new GenericData.Record(hospitalSchema);
            h.put("name", hospital.get("name").asText());
            h.put("beds", hospital.get("beds").asInt());
            record.put("hospital", h);
        }
        return record;
    }

    private static String textOrNull(JsonNode node) {
        return node.isNull() ? null : node.asText();
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
