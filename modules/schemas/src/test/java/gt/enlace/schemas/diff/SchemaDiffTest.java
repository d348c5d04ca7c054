package gt.enlace.schemas.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {

    private static final String PERSON_V1 = """
        {"type": "record", "name": "Person", "namespace": "gt.enlace.test", "doc": "A person.",
         "fields": [
           {"name": "cui", "type": "string", "doc": "CUI, 13 digits."},
           {"name": "age", "type": "int"},
           {"name": "nickname", "type": ["null", "string"], "default": null},
           {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["ACTIVE", "CLOSED"]}},
           {"name": "address", "type": {"type": "record", "name": "Address", "fields": [
              {"name": "street", "type": "string"},
              {"name": "zone", "type": "int"}]}},
           {"name": "phones", "type": {"type": "array", "items": {"type": "record", "name": "Phone", "fields": [
              {"name": "number", "type": "string"}]}}},
           {"name": "tags", "type": {"type": "map", "values": "string"}},
           {"name": "name", "type": "string"}
         ]}
        """;

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }

    /** PERSON_V1 with {@code from} replaced by {@code to} (each must occur exactly once). */
    private static Schema v2(String from, String to) {
        assertThat(PERSON_V1.indexOf(from)).as("fixture contains %s", from).isNotNegative();
        assertThat(PERSON_V1.indexOf(from)).isEqualTo(PERSON_V1.lastIndexOf(from));
        return parse(PERSON_V1.replace(from, to));
    }

    private static List<String> lines(Schema older, Schema newer) {
        return SchemaDiff.between(older, newer).changes().stream().map(SchemaDiff.Change::line).toList();
    }

    @Test
    void identicalSchemasHaveNoChangesAndReadEachOther() {
        SchemaDiff diff = SchemaDiff.between(parse(PERSON_V1), parse(PERSON_V1));
        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.newReadsOld()).isTrue();
        assertThat(diff.oldReadsNew()).isTrue();
    }

    @Test
    void aFieldAddedWithADefaultIsReportedWithItAndKeepsBothDirectionsReadable() {
        Schema newer = v2("{\"name\": \"name\", \"type\": \"string\"}",
            "{\"name\": \"name\", \"type\": \"string\"}, {\"name\": \"email\", \"type\": [\"null\", \"string\"], \"default\": null}");
        SchemaDiff diff = SchemaDiff.between(parse(PERSON_V1), newer);
        assertThat(lines(parse(PERSON_V1), newer)).containsExactly("field added: email ([null, string], default null)");
        assertThat(diff.newReadsOld()).isTrue();
        assertThat(diff.oldReadsNew()).isTrue();
    }

    @Test
    void aFieldAddedWithoutADefaultSaysSoAndBreaksBackwardCompatibility() {
        Schema newer = v2("{\"name\": \"name\", \"type\": \"string\"}",
            "{\"name\": \"name\", \"type\": \"string\"}, {\"name\": \"phone\", \"type\": \"string\"}");
        SchemaDiff diff = SchemaDiff.between(parse(PERSON_V1), newer);
        assertThat(lines(parse(PERSON_V1), newer)).containsExactly("field added: phone (string, no default)");
        assertThat(diff.newReadsOld()).isFalse();
        assertThat(diff.newReadingOldIncompatibilities()).extracting(SchemaDiff::describe)
            .containsExactly("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/8: phone");
        assertThat(diff.oldReadsNew()).isTrue();
    }

    @Test
    void aRemovedFieldIsReportedWithItsTypeAndDefault() {
        Schema newer = v2("{\"name\": \"nickname\", \"type\": [\"null\", \"string\"], \"default\": null},", "");
        assertThat(lines(parse(PERSON_V1), newer)).containsExactly("field removed: nickname ([null, string], default null)");
    }

    @Test
    void aTypeChangeShowsBothTypesAndPromotionStaysReadable() {
        Schema newer = v2("{\"name\": \"age\", \"type\": \"int\"}", "{\"name\": \"age\", \"type\": \"long\"}");
        SchemaDiff diff = SchemaDiff.between(parse(PERSON_V1), newer);
        assertThat(lines(parse(PERSON_V1), newer)).containsExactly("type changed: age (int -> long)");
        assertThat(diff.newReadsOld()).isTrue();
        assertThat(diff.oldReadsNew()).isFalse();
    }

    @Test
    void aFieldMadeOptionalIsATypeChangeThatSaysSo() {
        Schema newer = v2("{\"name\": \"name\", \"type\": \"string\"}",
            "{\"name\": \"name\", \"type\": [\"null\", \"string\"], \"default\": null}");
        assertThat(lines(parse(PERSON_V1), newer)).containsExactly(
            "default changed: name (none -> null)",
            "type changed: name (string -> [null, string], now optional)");
    }

    @Test
    void aLogicalTypeChangeIsATypeChange() {
        Schema newer = v2("{\"name\": \"age\", \"type\": \"int\"}",
            "{\"name\": \"age\", \"type\": {\"type\": \"int\", \"logicalType\": \"date\"}}");
        assertThat(lines(parse(PERSON_V1), newer)).containsExactly("type changed: age (int -> int (date))");
    }

    @Test
    void docChangesOnFieldsAndOnTheRecordAreReported() {
        Schema newer = parse(PERSON_V1.replace("\"doc\": \"CUI, 13 digits.\"", "\"doc\": \"CUI: 13 digits with a check digit.\"")
            .replace("\"doc\": \"A person.\"", "\"doc\": \"A person in the civil registry.\""));
        assertThat(lines(parse(PERSON_V1), newer)).containsExactly(
            "doc changed: gt.enlace.test.Person (\"A person.\" -> \"A person in the civil registry.\")",
            "doc changed: cui (\"CUI, 13 digits.\" -> \"CUI: 13 digits with a check digit.\")");
    }

    @Test
    void enumSymbolsAddedAndRemovedAreReportedWithTheEnumName() {
        Schema newer = v2("[\"ACTIVE\", \"CLOSED\"]", "[\"ACTIVE\", \"SUSPENDED\"]");
        SchemaDiff diff = SchemaDiff.between(parse(PERSON_V1), newer);
        assertThat(lines(parse(PERSON_V1), newer)).containsExactly(
            "enum symbols added: status (SUSPENDED in Status)",
            "enum symbols removed: status (CLOSED in Status)");
        assertThat(diff.newReadsOld()).isFalse();
        assertThat(diff.newReadingOldIncompatibilities()).extracting(SchemaDiff::describe)
            .containsExactly("MISSING_ENUM_SYMBOLS at /fields/3/type/symbols: [CLOSED]");
    }

    @Test
    void aFieldRenamedWithAnAliasIsARenameNotARemovalAndAnAddition() {
        Schema newer = v2("{\"name\": \"name\", \"type\": \"string\"}",
            "{\"name\": \"fullName\", \"type\": \"string\", \"aliases\": [\"name\"]}");
        SchemaDiff diff = SchemaDiff.between(parse(PERSON_V1), newer);
        assertThat(lines(parse(PERSON_V1), newer)).containsExactly("field renamed: fullName (name -> fullName, old name kept as alias)");
        assertThat(diff.newReadsOld()).isTrue();
    }

    @Test
    void aliasesAddedAndRemovedOnAFieldAreReported() {
        Schema older = v2("{\"name\": \"age\", \"type\": \"int\"}", "{\"name\": \"age\", \"type\": \"int\", \"aliases\": [\"years\"]}");
        Schema newer = v2("{\"name\": \"age\", \"type\": \"int\"}", "{\"name\": \"age\", \"type\": \"int\", \"aliases\": [\"edad\"]}");
        assertThat(lines(older, newer)).containsExactly("aliases added: age (edad)", "aliases removed: age (years)");
    }

    @Test
    void changesInsideNestedRecordsArraysAndMapsCarryTheirPath() {
        Schema newer = parse(PERSON_V1
            .replace("{\"name\": \"zone\", \"type\": \"int\"}", "{\"name\": \"zone\", \"type\": \"long\"}")
            .replace("{\"name\": \"number\", \"type\": \"string\"}",
                "{\"name\": \"number\", \"type\": \"string\"}, {\"name\": \"mobile\", \"type\": \"boolean\", \"default\": false}")
            .replace("\"values\": \"string\"", "\"values\": \"int\""));
        assertThat(lines(parse(PERSON_V1), newer)).containsExactly(
            "type changed: address.zone (int -> long)",
            "field added: phones[].mobile (boolean, default false)",
            "type changed: tags{} (string -> int)");
    }

    @Test
    void unionBranchesAddedAndRemovedAreReported() {
        Schema newer = v2("\"type\": [\"null\", \"string\"], \"default\": null",
            "\"type\": [\"null\", \"long\"], \"default\": null");
        assertThat(lines(parse(PERSON_V1), newer)).containsExactly(
            "union branch added: nickname (long)",
            "union branch removed: nickname (string)");
    }

    @Test
    void aRecordInsideANullableUnionIsComparedField_by_field() {
        String older = """
            {"type": "record", "name": "Event", "fields": [
              {"name": "place", "type": ["null", {"type": "record", "name": "Place", "fields": [{"name": "code", "type": "string"}]}],
               "default": null}]}
            """;
        Schema newer = parse(older.replace("{\"name\": \"code\", \"type\": \"string\"}",
            "{\"name\": \"code\", \"type\": \"string\"}, {\"name\": \"zone\", \"type\": [\"null\", \"int\"], \"default\": null}"));
        assertThat(lines(parse(older), newer)).containsExactly("field added: place.zone ([null, int], default null)");
    }

    @Test
    void defaultAndCustomPropertyChangesAreReported() {
        Schema older = v2("{\"name\": \"cui\", \"type\": \"string\", \"doc\": \"CUI, 13 digits.\"}",
            "{\"name\": \"cui\", \"type\": \"string\", \"doc\": \"CUI, 13 digits.\", \"default\": \"\"}");
        Schema newer = v2("{\"name\": \"cui\", \"type\": \"string\", \"doc\": \"CUI, 13 digits.\"}",
            "{\"name\": \"cui\", \"type\": \"string\", \"doc\": \"CUI, 13 digits.\", \"default\": \"0\", \"gt.enlace.identifier\": \"cui\"}");
        assertThat(lines(older, newer)).containsExactly(
            "default changed: cui (\"\" -> \"0\")",
            "property changed: cui (gt.enlace.identifier: none -> \"cui\")");
    }

    @Test
    void aRenamedRecordSaysWhetherTheOldNameIsKeptAsAnAlias() {
        String older = "{\"type\": \"record\", \"name\": \"gt.a.Old\", \"fields\": [{\"name\": \"x\", \"type\": \"int\"}]}";
        String renamed = "{\"type\": \"record\", \"name\": \"gt.a.New\", \"aliases\": [\"gt.a.Old\"], \"fields\": [{\"name\": \"x\", \"type\": \"int\"}]}";
        assertThat(lines(parse(older), parse(renamed))).containsExactly(
            "name changed: gt.a.Old (gt.a.Old -> gt.a.New, old name kept as alias)",
            "aliases added: gt.a.Old (gt.a.Old)");
    }

    @Test
    void recursiveTypesTerminateAndSharedTypesAreReportedOnce() {
        String older = """
            {"type": "record", "name": "Node", "fields": [
              {"name": "value", "type": "int"},
              {"name": "left", "type": ["null", "Node"], "default": null},
              {"name": "right", "type": ["null", "Node"], "default": null}]}
            """;
        Schema newer = parse(older.replace("{\"name\": \"value\", \"type\": \"int\"}", "{\"name\": \"value\", \"type\": \"long\"}"));
        assertThat(lines(parse(older), newer)).containsExactly("type changed: value (int -> long)");
    }

    @Test
    void aFixedSizeChangeIsReported() {
        String older = "{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"h\", \"type\": {\"type\": \"fixed\", \"name\": \"Hash\", \"size\": 16}}]}";
        assertThat(lines(parse(older), parse(older.replace("16", "32")))).containsExactly("size changed: h (16 -> 32 bytes)");
    }
}
