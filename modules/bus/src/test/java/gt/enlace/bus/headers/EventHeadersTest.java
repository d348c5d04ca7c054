package gt.enlace.bus.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gt.enlace.schemas.catalog.Classification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventHeadersTest {

    private static final OffsetDateTime TIME = OffsetDateTime.of(2026, 11, 26, 11, 35, 0, 0, ZoneOffset.ofHours(-6));

    private static EventHeaders.Builder full() {
        return EventHeaders.builder()
                .id("3f8c1d2e-0000-4000-8000-000000000001")
                .source("renap", "sirenap")
                .typeForTopic("gt.renap.birth-registered.v1")
                .time(TIME)
                .subject("registro/2026/000123")
                .legalBasis("Decreto 90-2005, Ley del Registro Nacional de las Personas, artículo 6")
                .classification(Classification.CONFIDENCIAL)
                .channel(Channel.SDK)
                .correlationId("lote-2026-11-26")
                .dataSchema(URI.create("http://localhost:8081/subjects/gt.renap.birth-registered.v1-value/versions/1"));
    }

    private static EventHeaders.Builder minimal() {
        return EventHeaders.builder()
                .source("/gt/sat/rtu")
                .type("gt.sat.taxpayer-registered")
                .legalBasis("Decreto 6-91, Código Tributario")
                .classification(Classification.PUBLICA)
                .channel(Channel.CSV_BRIDGE);
    }

    private static Headers valid() {
        Headers headers = new RecordHeaders();
        full().build().writeTo(headers);
        return headers;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void roundTripsThroughKafkaRecordHeaders() {
        EventHeaders original = full().build();
        Headers headers = new RecordHeaders();

        original.writeTo(headers);
        EventHeaders parsed = EventHeaders.parse(headers);

        assertThat(parsed).isEqualTo(original).hasSameHashCodeAs(original);
        assertThat(parsed.subject()).contains("registro/2026/000123");
        assertThat(parsed.correlationId()).contains("lote-2026-11-26");
        assertThat(parsed.legalBasis()).endsWith("artículo 6");
    }

    @Test
    void roundTripsWithOnlyTheRequiredAttributes() {
        EventHeaders original = minimal().build();
        Headers headers = new RecordHeaders();

        original.writeTo(headers);

        assertThat(EventHeaders.parse(headers)).isEqualTo(original);
        assertThat(headers.lastHeader(HeaderNames.SUBJECT)).isNull();
        assertThat(headers.lastHeader(HeaderNames.CORRELATIONID)).isNull();
        assertThat(headers.lastHeader(HeaderNames.DATASCHEMA)).isNull();
    }

    @Test
    void writesTheCloudEventsBinaryModeHeadersAsUtf8Strings() {
        Headers headers = valid();

        assertThat(value(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(value(headers, "ce_id")).isEqualTo("3f8c1d2e-0000-4000-8000-000000000001");
        assertThat(value(headers, "ce_source")).isEqualTo("/gt/renap/sirenap");
        assertThat(value(headers, "ce_type")).isEqualTo("gt.renap.birth-registered");
        assertThat(value(headers, "ce_time")).isEqualTo("2026-11-26T11:35:00-06:00");
        assertThat(value(headers, "content-type")).isEqualTo("application/avro");
        assertThat(value(headers, "ce_classification")).isEqualTo("confidencial");
        assertThat(value(headers, "ce_channel")).isEqualTo("sdk");
        assertThat(headers.lastHeader("ce_legalbasis").value())
                .isEqualTo(utf8("Decreto 90-2005, Ley del Registro Nacional de las Personas, artículo 6"));
    }

    @Test
    void writingReplacesEarlierValuesInsteadOfDuplicatingThem() {
        Headers headers = valid();
        headers.add("traceparent", utf8("00-abc-def-01"));

        minimal().build().writeTo(headers);

        assertThat(headers.headers(HeaderNames.ID)).hasSize(1);
        assertThat(headers.headers(HeaderNames.SUBJECT)).isEmpty();
        assertThat(headers.lastHeader("traceparent")).isNotNull();
        assertThat(EventHeaders.parse(headers).source()).isEqualTo("/gt/sat/rtu");
    }

    @Test
    void defaultsIdToARandomUuidAndTimeToNow() {
        Instant before = Instant.now().minusMillis(1);
        EventHeaders first = minimal().build();
        EventHeaders second = minimal().build();
        Instant after = Instant.now().plusMillis(1);

        assertThat(UUID.fromString(first.id())).isNotNull();
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.time().toInstant()).isBetween(before, after);
        assertThat(first.time().getOffset()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void acceptsAKebabSystemName() {
        assertThat(minimal().source("/gt/rm/registro-en-linea").build().system()).isEqualTo("registro-en-linea");
    }

    @Test
    void exposesTheInstitutionAndSystemOfTheSource() {
        EventHeaders headers = full().build();

        assertThat(headers.institution()).isEqualTo("renap");
        assertThat(headers.system()).isEqualTo("sirenap");
        assertThat(headers.specVersion()).isEqualTo("1.0");
        assertThat(headers.contentType()).isEqualTo("application/avro");
    }

    @Test
    void toBuilderCopiesEveryAttribute() {
        EventHeaders original = full().build();

        assertThat(original.toBuilder().build()).isEqualTo(original);
        assertThat(original.toBuilder().channel(Channel.GATEWAY).build().channel()).isEqualTo(Channel.GATEWAY);
    }

    @Test
    void acceptsRfc3339Variants() {
        for (String time : new String[] {"2026-11-26T17:35:00Z", "2026-11-26t17:35:00z", "2026-11-26T17:35:00.123456789Z",
            "2026-11-26T11:35:00.5-06:00"}) {
            Headers headers = valid();
            headers.remove(HeaderNames.TIME);
            headers.add(HeaderNames.TIME, utf8(time));
            assertThat(EventHeaders.parse(headers).time().toInstant()).as(time)
                    .isBetween(Instant.parse("2026-11-26T17:35:00Z"), Instant.parse("2026-11-26T17:35:01Z"));
        }
    }

    @Test
    void keepsFractionalSecondsAcrossTheRoundTrip() {
        EventHeaders original = minimal().time(Instant.parse("2026-11-26T17:35:00.000123Z")).build();
        Headers headers = new RecordHeaders();
        original.writeTo(headers);

        assertThat(value(headers, HeaderNames.TIME)).isEqualTo("2026-11-26T17:35:00.000123Z");
        assertThat(EventHeaders.parse(headers)).isEqualTo(original);
    }

    @Test
    void ignoresUnknownHeaders() {
        Headers headers = valid();
        headers.add("ce_partitionkey", utf8("x"));
        headers.add("X-Other", new byte[] {(byte) 0xff});

        assertThat(EventHeaders.parse(headers)).isEqualTo(full().build());
    }

    // --- rejections when parsing ---

    @ParameterizedTest
    @ValueSource(strings = {"ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "content-type",
        "ce_legalbasis", "ce_classification", "ce_channel"})
    void rejectsAMissingRequiredHeader(String key) {
        Headers headers = valid();
        headers.remove(key);

        assertRejected(headers, HeaderError.MISSING, key, "the header is required but absent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ce_subject", "ce_correlationid", "ce_dataschema"})
    void acceptsAMissingOptionalHeader(String key) {
        Headers headers = valid();
        headers.remove(key);

        assertThat(EventHeaders.parse(headers).id()).isEqualTo("3f8c1d2e-0000-4000-8000-000000000001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ce_id", "ce_source", "ce_subject", "ce_channel"})
    void rejectsADuplicatedHeader(String key) {
        Headers headers = valid();
        headers.add(key, headers.lastHeader(key).value());

        assertRejected(headers, HeaderError.DUPLICATE, key, "the header appears 2 times");
    }

    @Test
    void rejectsADuplicatedHeaderEvenWithDifferentValues() {
        Headers headers = valid();
        headers.add(HeaderNames.CLASSIFICATION, utf8("publica"));

        assertRejected(headers, HeaderError.DUPLICATE, HeaderNames.CLASSIFICATION, "appears 2 times");
    }

    @Test
    void rejectsAWrongSpecVersion() {
        assertRejected(replace(HeaderNames.SPECVERSION, "0.3"), HeaderError.UNSUPPORTED_SPECVERSION,
                HeaderNames.SPECVERSION, "expected '1.0' but got '0.3'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-26", "2026-11-26T11:35-06:00", "2026-11-26T11:35:00", "26/11/2026 11:35",
        "2026-11-26T25:00:00Z", "2026-02-30T11:35:00Z", "2026-11-26T11:35:00+0600", "1764178500"})
    void rejectsAMalformedTime(String time) {
        assertRejected(replace(HeaderNames.TIME, time), HeaderError.MALFORMED_TIME, HeaderNames.TIME,
                "expected an RFC 3339 timestamp such as 2026-11-26T11:35:00-06:00 but got '" + time + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/gt/renap", "/gt/renap/sirenap/extra", "gt/renap/sirenap", "/mx/renap/sirenap",
        "/gt/RENAP/sirenap", "https://renap.gob.gt/sirenap", "/gt/renap/si_renap", "/gt//sirenap",
        "/gt/registro-mercantil/portal", "/gt/renap/sirenap/"})
    void rejectsASourceNotOfTheFormGtInstitutionSystem(String source) {
        assertRejected(replace(HeaderNames.SOURCE, source), HeaderError.MALFORMED_SOURCE, HeaderNames.SOURCE,
                "e.g. /gt/renap/sirenap, but got '" + source + "'");
    }

    @Test
    void rejectsATypeThatCarriesTheVersion() {
        assertRejected(replace(HeaderNames.TYPE, "gt.renap.birth-registered.v1"), HeaderError.MALFORMED_TYPE,
                HeaderNames.TYPE, "the type has no version suffix");
    }

    @Test
    void rejectsATypeOutsideTheGtNamespace() {
        assertRejected(replace(HeaderNames.TYPE, "com.example.someevent"), HeaderError.MALFORMED_TYPE,
                HeaderNames.TYPE, "it must start with 'gt.'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"public", "Publica", "pública", "secret"})
    void rejectsAnUnknownClassification(String classification) {
        assertRejected(replace(HeaderNames.CLASSIFICATION, classification), HeaderError.UNKNOWN_CLASSIFICATION,
                HeaderNames.CLASSIFICATION, "expected one of publica, confidencial, reservada but got '" + classification + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"email", "SDK", "csv_bridge", "manual"})
    void rejectsAnUnknownChannel(String channel) {
        assertRejected(replace(HeaderNames.CHANNEL, channel), HeaderError.UNKNOWN_CHANNEL, HeaderNames.CHANNEL,
                "expected one of sdk, gateway, csv-bridge, declared-manual but got '" + channel + "'");
    }

    @Test
    void rejectsAnotherContentType() {
        assertRejected(replace(HeaderNames.CONTENT_TYPE, "application/json"), HeaderError.UNSUPPORTED_CONTENT_TYPE,
                HeaderNames.CONTENT_TYPE, "expected 'application/avro' but got 'application/json'");
    }

    @Test
    void rejectsStructuredModeSayingSo() {
        assertRejected(replace(HeaderNames.CONTENT_TYPE, "application/cloudevents+json; charset=UTF-8"),
                HeaderError.UNSUPPORTED_CONTENT_TYPE, HeaderNames.CONTENT_TYPE, "structured content mode is not supported");
    }

    @Test
    void acceptsTheContentTypeInAnyCase() {
        assertThat(EventHeaders.parse(replace(HeaderNames.CONTENT_TYPE, "Application/Avro")).contentType())
                .isEqualTo("application/avro");
    }

    @Test
    void rejectsADataSchemaThatIsNotAnAbsoluteUri() {
        assertRejected(replace(HeaderNames.DATASCHEMA, "subjects/x/versions/1"), HeaderError.MALFORMED_DATASCHEMA,
                HeaderNames.DATASCHEMA, "expected an absolute URI but got 'subjects/x/versions/1'");
        assertRejected(replace(HeaderNames.DATASCHEMA, "http://host/a b"), HeaderError.MALFORMED_DATASCHEMA,
                HeaderNames.DATASCHEMA, "expected an absolute URI");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ce_id", "ce_legalbasis", "ce_subject", "ce_correlationid"})
    void rejectsAnEmptyValue(String key) {
        Headers headers = valid();
        headers.remove(key);
        headers.add(key, new byte[0]);

        assertRejected(headers, HeaderError.EMPTY, key, "the value is empty");
    }

    @Test
    void rejectsANullValue() {
        Headers headers = valid();
        headers.remove(HeaderNames.ID);
        headers.add(HeaderNames.ID, null);

        assertRejected(headers, HeaderError.EMPTY, HeaderNames.ID, "the value is empty");
    }

    @Test
    void rejectsABlankValue() {
        assertRejected(replace(HeaderNames.LEGALBASIS, "   "), HeaderError.EMPTY, HeaderNames.LEGALBASIS,
                "the value is blank");
    }

    @Test
    void rejectsBytesThatAreNotUtf8() {
        Headers headers = valid();
        headers.remove(HeaderNames.LEGALBASIS);
        // "artículo" in ISO-8859-1: 0xED alone is not UTF-8
        headers.add(HeaderNames.LEGALBASIS, "artículo 6".getBytes(StandardCharsets.ISO_8859_1));

        assertRejected(headers, HeaderError.NOT_UTF8, HeaderNames.LEGALBASIS, "the value is not valid UTF-8");
    }

    @Test
    void rejectsAValueLongerThanOneKibibyte() {
        Headers headers = valid();
        headers.remove(HeaderNames.SUBJECT);
        headers.add(HeaderNames.SUBJECT, new byte[EventHeaders.MAX_VALUE_BYTES + 1]);

        assertRejected(headers, HeaderError.TOO_LONG, HeaderNames.SUBJECT,
                "the value has 1025 bytes; at most 1024 are allowed");
    }

    @Test
    void acceptsAValueOfExactlyOneKibibyte() {
        Headers headers = replace(HeaderNames.SUBJECT, "s".repeat(EventHeaders.MAX_VALUE_BYTES));

        assertThat(EventHeaders.parse(headers).subject().orElseThrow()).hasSize(1024);
    }

    @Test
    void rejectsControlCharacters() {
        assertRejected(replace(HeaderNames.LEGALBASIS, "Decreto 90-2005\nce_classification: publica"),
                HeaderError.ILLEGAL_CHARACTER, HeaderNames.LEGALBASIS, "the control character U+000A at position 16");
    }

    @Test
    void aValueSeenValidOnAnEarlierRecordIsCheckedAgainWhenItsBytesChange() {
        Headers first = valid();
        assertThat(EventHeaders.parse(first)).isEqualTo(full().build());
        // The producer's array changes after the first record was read: the remembered value must not follow it.
        byte[] source = first.lastHeader(HeaderNames.SOURCE).value();
        source[4] = 'R';

        assertRejected(first, HeaderError.MALFORMED_SOURCE, HeaderNames.SOURCE, "but got '/gt/Renap/sirenap'");
        assertRejected(replace(HeaderNames.TYPE, "gt.renap.birth-registered.v1"), HeaderError.MALFORMED_TYPE,
                HeaderNames.TYPE, "the type has no version suffix");
        assertRejected(replace(HeaderNames.CHANNEL, "SDK"), HeaderError.UNKNOWN_CHANNEL, HeaderNames.CHANNEL,
                "but got 'SDK'");
        assertThat(EventHeaders.parse(valid())).isEqualTo(full().build());
    }

    @Test
    void namesTheFirstHeaderAtFaultInTheOrderTheChecksAlwaysRan() {
        Headers sourceAndChannel = replace(HeaderNames.SOURCE, "/gt/RENAP/sirenap");
        sourceAndChannel.remove(HeaderNames.CHANNEL);
        sourceAndChannel.add(HeaderNames.CHANNEL, utf8("fax"));
        // The source's format is checked after every header was read, as Builder.build() did.
        assertRejected(sourceAndChannel, HeaderError.UNKNOWN_CHANNEL, HeaderNames.CHANNEL, "but got 'fax'");

        Headers sourceAndTime = replace(HeaderNames.SOURCE, "/gt/RENAP/sirenap");
        sourceAndTime.remove(HeaderNames.TIME);
        sourceAndTime.add(HeaderNames.TIME, utf8("yesterday"));
        assertRejected(sourceAndTime, HeaderError.MALFORMED_TIME, HeaderNames.TIME, "but got 'yesterday'");

        Headers idAndSource = valid();
        idAndSource.remove(HeaderNames.ID);
        idAndSource.add(HeaderNames.SOURCE, utf8("/gt/sat/rtu"));
        assertRejected(idAndSource, HeaderError.MISSING, HeaderNames.ID, "the header is required but absent");

        Headers typeAndDataSchema = replace(HeaderNames.TYPE, "gt.renap");
        typeAndDataSchema.remove(HeaderNames.DATASCHEMA);
        typeAndDataSchema.add(HeaderNames.DATASCHEMA, utf8("relative/path"));
        assertRejected(typeAndDataSchema, HeaderError.MALFORMED_TYPE, HeaderNames.TYPE, "but got 'gt.renap'");
    }

    @Test
    void readsTheSameEventWhateverTheOrderOfTheHeaders() {
        Headers reversed = new RecordHeaders();
        org.apache.kafka.common.header.Header[] written = valid().toArray();
        for (int i = written.length - 1; i >= 0; i--) {
            reversed.add(written[i]);
        }
        reversed.add("ce_partitionkey", utf8("x"));

        assertThat(EventHeaders.parse(reversed)).isEqualTo(full().build());
    }

    @Test
    void theMessageNamesTheHeader() {
        assertThatThrownBy(() -> EventHeaders.parse(replace(HeaderNames.SPECVERSION, "0.3")))
                .hasMessage("invalid header 'ce_specversion': expected '1.0' but got '0.3'");
    }

    @Test
    void truncatesLongValuesInMessages() {
        String time = "x".repeat(500);
        assertThatThrownBy(() -> EventHeaders.parse(replace(HeaderNames.TIME, time)))
                .hasMessageEndingWith("'" + "x".repeat(80) + "…'");
    }

    // --- rejections when building ---

    @Test
    void buildRejectsAMissingRequiredAttribute() {
        assertBuildRejected(() -> EventHeaders.builder().type("gt.sat.x").legalBasis("l")
                .classification(Classification.PUBLICA).channel(Channel.SDK).build(),
                HeaderError.MISSING, HeaderNames.SOURCE, "required");
        assertBuildRejected(() -> EventHeaders.builder().source("/gt/sat/rtu").type("gt.sat.x")
                .classification(Classification.PUBLICA).channel(Channel.SDK).build(),
                HeaderError.MISSING, HeaderNames.LEGALBASIS, "required");
        assertBuildRejected(() -> EventHeaders.builder().source("/gt/sat/rtu").type("gt.sat.x").legalBasis("l")
                .channel(Channel.SDK).build(),
                HeaderError.MISSING, HeaderNames.CLASSIFICATION, "required");
        assertBuildRejected(() -> EventHeaders.builder().source("/gt/sat/rtu").type("gt.sat.x").legalBasis("l")
                .classification(Classification.PUBLICA).build(),
                HeaderError.MISSING, HeaderNames.CHANNEL, "required");
    }

    @Test
    void buildRejectsMalformedValues() {
        assertBuildRejected(() -> minimal().source("/gt/sat").build(), HeaderError.MALFORMED_SOURCE,
                HeaderNames.SOURCE, "/gt/<institution>/<system>");
        assertBuildRejected(() -> minimal().type("gt.sat.taxpayer-registered.v1").build(), HeaderError.MALFORMED_TYPE,
                HeaderNames.TYPE, "the type has no version suffix");
        assertBuildRejected(() -> minimal().id("").build(), HeaderError.EMPTY, HeaderNames.ID, "blank");
        assertBuildRejected(() -> minimal().subject("a\u0000b").build(), HeaderError.ILLEGAL_CHARACTER,
                HeaderNames.SUBJECT, "U+0000");
        assertBuildRejected(() -> minimal().legalBasis("é".repeat(513)).build(), HeaderError.TOO_LONG,
                HeaderNames.LEGALBASIS, "1026 bytes in UTF-8");
        assertBuildRejected(() -> minimal().correlationId("a\ud800b").build(), HeaderError.NOT_UTF8,
                HeaderNames.CORRELATIONID, "unpaired surrogate");
        assertBuildRejected(() -> minimal().dataSchema(URI.create("relative/path")).build(),
                HeaderError.MALFORMED_DATASCHEMA, HeaderNames.DATASCHEMA, "absolute URI");
    }

    @Test
    void builderRejectsNullForRequiredAttributes() {
        assertThatThrownBy(() -> EventHeaders.builder().id(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("'id' cannot be null");
        assertThatThrownBy(() -> EventHeaders.builder().channel(null)).hasMessage("'channel' cannot be null");
    }

    @Test
    void typeForTopicRejectsAnInvalidTopic() {
        assertThatThrownBy(() -> EventHeaders.builder().typeForTopic("gt.renap.birth-registered"))
                .isInstanceOf(gt.enlace.bus.topics.InvalidTopicException.class);
    }

    @Test
    void headerErrorCodesAreStable() {
        assertThat(HeaderError.MISSING.code()).isEqualTo("HEADER_MISSING");
        assertThat(HeaderError.values()).extracting(HeaderError::code).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code).startsWith("HEADER_"));
    }

    @Test
    void channelsAndHeaderNamesMatchTheDesign() {
        assertThat(Channel.values()).extracting(Channel::code)
                .containsExactly("sdk", "gateway", "csv-bridge", "declared-manual");
        assertThat(Channel.fromCode("csv-bridge")).contains(Channel.CSV_BRIDGE);
        assertThat(Channel.fromCode("CSV-BRIDGE")).isEmpty();
        assertThat(Channel.fromCode(null)).isEmpty();
        assertThat(HeaderNames.all()).hasSize(12).doesNotHaveDuplicates()
                .allSatisfy(k -> assertThat(k.startsWith("ce_") || k.equals("content-type")).isTrue());
    }

    private static String value(Headers headers, String key) {
        return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private static Headers replace(String key, String value) {
        Headers headers = valid();
        headers.remove(key);
        headers.add(key, utf8(value));
        return headers;
    }

    private static void assertRejected(Headers headers, HeaderError error, String key, String reasonFragment) {
        assertThatThrownBy(() -> EventHeaders.parse(headers))
                .isInstanceOfSatisfying(InvalidHeadersException.class, e -> {
                    assertThat(e.error()).isEqualTo(error);
                    assertThat(e.header()).isEqualTo(key);
                    assertThat(e.reason()).contains(reasonFragment);
                    assertThat(e.getMessage()).isEqualTo("invalid header '" + key + "': " + e.reason());
                });
    }

    private static void assertBuildRejected(ThrowingCallable build, HeaderError error, String key, String fragment) {
        assertThatThrownBy(build).isInstanceOfSatisfying(InvalidHeadersException.class, e -> {
            assertThat(e.error()).isEqualTo(error);
            assertThat(e.header()).isEqualTo(key);
            assertThat(e.reason()).contains(fragment);
        });
    }

    @Test
    void aTemplateWritesTheSameHeadersAsWriteToWithEachEventsOwnIdAndTime() {
        EventHeaders expected = full().build();
        Headers written = new RecordHeaders();
        expected.writeTo(written);
        EventHeaders.Template template = full().template();
        Headers fromTemplate = new RecordHeaders(template.headers(expected.id(), expected.time(),
                expected.subject().orElseThrow(), expected.correlationId().orElseThrow()).toArray(new org.apache.kafka.common.header.Header[0]));
        assertThat(fromTemplate.toArray()).hasSameSizeAs(written.toArray());
        for (int i = 0; i < written.toArray().length; i++) {
            assertThat(fromTemplate.toArray()[i].key()).isEqualTo(written.toArray()[i].key());
            assertThat(fromTemplate.toArray()[i].value()).isEqualTo(written.toArray()[i].value());
        }
        assertThat(EventHeaders.parse(fromTemplate)).isEqualTo(expected);
    }

    @Test
    void cachedTemplateHeadersStillCarryAFreshIdAndTheCurrentTimePerEvent() {
        EventHeaders.Template template = minimal().template();
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        EventHeaders first = EventHeaders.parse(new RecordHeaders(template.headers(EventHeaders.newId(), null, null, null)
                .toArray(new org.apache.kafka.common.header.Header[0])));
        EventHeaders second = EventHeaders.parse(new RecordHeaders(template.headers(EventHeaders.newId(), null, "s-2", null)
                .toArray(new org.apache.kafka.common.header.Header[0])));
        Instant after = Instant.now();
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(UUID.fromString(first.id()).version()).isEqualTo(4);
        assertThat(UUID.fromString(first.id()).variant()).isEqualTo(2);
        assertThat(first.time().getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(first.time().toInstant()).isBetween(before, after);
        assertThat(second.time().toInstant()).isBetween(first.time().toInstant(), after);
        assertThat(first.subject()).isEmpty();
        assertThat(second.subject()).contains("s-2");
        assertThat(first.source()).isEqualTo("/gt/sat/rtu");
        assertThat(first.channel()).isEqualTo(Channel.CSV_BRIDGE);
    }

    @Test
    void newIdsAreDistinctRandomVersion4UuidsAcrossManyDraws() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 10 * RandomIds.IDS_PER_DRAW + 3; i++) {
            String id = EventHeaders.newId();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            ids.add(id);
        }
        assertThat(ids).hasSize(10 * RandomIds.IDS_PER_DRAW + 3);
    }

    @Test
    void aTemplateRefusesWhatBuildRefusesNamingTheHeader() {
        assertThatThrownBy(() -> minimal().source("/gt/RENAP/x").template())
                .isInstanceOfSatisfying(InvalidHeadersException.class, e -> assertThat(e.header()).isEqualTo(HeaderNames.SOURCE));
        assertThatThrownBy(() -> minimal().legalBasis(" ").template())
                .isInstanceOfSatisfying(InvalidHeadersException.class, e -> assertThat(e.header()).isEqualTo(HeaderNames.LEGALBASIS));
        EventHeaders.Template template = minimal().template();
        assertThatThrownBy(() -> template.headers("id\u0007bell", null, null, null))
                .isInstanceOfSatisfying(InvalidHeadersException.class, e -> {
                    assertThat(e.header()).isEqualTo(HeaderNames.ID);
                    assertThat(e.error()).isEqualTo(HeaderError.ILLEGAL_CHARACTER);
                });
        assertThatThrownBy(() -> template.headers("ok", null, "x".repeat(EventHeaders.MAX_VALUE_BYTES + 1), null))
                .isInstanceOfSatisfying(InvalidHeadersException.class, e -> {
                    assertThat(e.header()).isEqualTo(HeaderNames.SUBJECT);
                    assertThat(e.error()).isEqualTo(HeaderError.TOO_LONG);
                });
        assertThatThrownBy(() -> template.headers("ok", null, null, "\uD800"))
                .isInstanceOfSatisfying(InvalidHeadersException.class, e -> {
                    assertThat(e.header()).isEqualTo(HeaderNames.CORRELATIONID);
                    assertThat(e.error()).isEqualTo(HeaderError.NOT_UTF8);
                });
    }
}
