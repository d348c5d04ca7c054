package gt.enlace.bus.headers;

import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.NANO_OF_SECOND;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;

import gt.enlace.bus.topics.Topics;
import gt.enlace.schemas.catalog.Classification;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The headers of one event on the bus: the CloudEvents 1.0 context attributes in the Kafka binding's
 * binary content mode, plus Enlace's government-exchange extensions. Immutable; compares by value.
 *
 * <table>
 *   <caption>Headers, all UTF-8 strings of at most {@value #MAX_VALUE_BYTES} bytes</caption>
 *   <tr><th>key</th><th>required</th><th>value</th></tr>
 *   <tr><td>{@code ce_specversion}</td><td>yes</td><td>{@code 1.0}</td></tr>
 *   <tr><td>{@code ce_id}</td><td>yes</td><td>unique per source; a random UUID by default</td></tr>
 *   <tr><td>{@code ce_source}</td><td>yes</td><td>{@code /gt/<institution>/<system>}: the institution code as in topic names, the system in lower-case kebab</td></tr>
 *   <tr><td>{@code ce_type}</td><td>yes</td><td>the topic without {@code .v<N>}: {@code gt.renap.birth-registered}</td></tr>
 *   <tr><td>{@code ce_time}</td><td>yes</td><td>RFC 3339, e.g. {@code 2026-11-26T11:35:00-06:00}; now by default</td></tr>
 *   <tr><td>{@code content-type}</td><td>yes</td><td>{@code application/avro}</td></tr>
 *   <tr><td>{@code ce_legalbasis}</td><td>yes</td><td>the law or agreement that allows the exchange</td></tr>
 *   <tr><td>{@code ce_classification}</td><td>yes</td><td>{@code publica}, {@code confidencial} or {@code reservada}</td></tr>
 *   <tr><td>{@code ce_channel}</td><td>yes</td><td>a {@link Channel} code</td></tr>
 *   <tr><td>{@code ce_subject}</td><td>no</td><td>what the event is about within the source</td></tr>
 *   <tr><td>{@code ce_correlationid}</td><td>no</td><td>ties related events together</td></tr>
 *   <tr><td>{@code ce_dataschema}</td><td>no</td><td>absolute URI of the value's schema</td></tr>
 * </table>
 *
 * <p>Values may not be blank nor contain control characters. {@link #parse(Headers)} rejects a header
 * that appears twice, since a consumer could not tell which value the producer meant; headers this
 * class does not know, including other {@code ce_} extensions, are ignored.
 *
 * <pre>{@code
 * EventHeaders headers = EventHeaders.builder()
 *         .source("renap", "sirenap")
 *         .typeForTopic("gt.renap.birth-registered.v1")
 *         .legalBasis("Decreto 90-2005, Ley del RENAP")
 *         .classification(Classification.CONFIDENCIAL)
 *         .channel(Channel.SDK)
 *         .build();
 * headers.writeTo(record.headers());
 * }</pre>
 */
public final class EventHeaders {

    /** The only CloudEvents version the bus speaks. */
    public static final String SPEC_VERSION = "1.0";

    /** The media type of every record value on the bus. */
    public static final String CONTENT_TYPE_AVRO = "application/avro";

    /** Largest header value accepted, in UTF-8 bytes. */
    public static final int MAX_VALUE_BYTES = 1024;

    private static final Pattern SOURCE = Pattern.compile(
            "/gt/([a-z][a-z0-9]*)/([a-z][a-z0-9]*(?:-[a-z0-9]+)*)");

    /** Reads {@code ce_time} when {@link Rfc3339FastPath} does not; package-private for tests. */
    static final DateTimeFormatter TIME_PARSER = rfc3339(1);
    /** Writes {@code ce_time}; package-private for tests. */
    static final DateTimeFormatter TIME_WRITER = rfc3339(0);
    private static final UtcMillisTimes NOW_WRITER = new UtcMillisTimes(TIME_WRITER);

    private static final int QUOTE_LIMIT = 80;

    // Where parse keeps each header it reads; the order is the order of its checks.
    private static final int SLOT_SPECVERSION = 0;
    private static final int SLOT_ID = 1;
    private static final int SLOT_SOURCE = 2;
    private static final int SLOT_TYPE = 3;
    private static final int SLOT_TIME = 4;
    private static final int SLOT_CONTENT_TYPE = 5;
    private static final int SLOT_LEGALBASIS = 6;
    private static final int SLOT_CLASSIFICATION = 7;
    private static final int SLOT_CHANNEL = 8;
    private static final int SLOT_SUBJECT = 9;
    private static final int SLOT_CORRELATIONID = 10;
    private static final int SLOT_DATASCHEMA = 11;
    private static final String[] SLOT_KEYS = {HeaderNames.SPECVERSION, HeaderNames.ID, HeaderNames.SOURCE,
        HeaderNames.TYPE, HeaderNames.TIME, HeaderNames.CONTENT_TYPE, HeaderNames.LEGALBASIS, HeaderNames.CLASSIFICATION,
        HeaderNames.CHANNEL, HeaderNames.SUBJECT, HeaderNames.CORRELATIONID, HeaderNames.DATASCHEMA};
    private static final byte[] SPEC_VERSION_BYTES = SPEC_VERSION.getBytes(StandardCharsets.UTF_8);

    private static final LastValid LAST_SOURCE = new LastValid();
    private static final LastValid LAST_TYPE = new LastValid();
    private static final LastValid LAST_CONTENT_TYPE = new LastValid();
    private static final LastValid LAST_LEGALBASIS = new LastValid();
    private static final LastValid LAST_CLASSIFICATION = new LastValid();
    private static final LastValid LAST_CHANNEL = new LastValid();
    private static final LastValid LAST_DATASCHEMA = new LastValid();

    private final String id;
    private final String source;
    private final String type;
    private final OffsetDateTime time;
    private final String subject;
    private final URI dataSchema;
    private final String legalBasis;
    private final Classification classification;
    private final Channel channel;
    private final String correlationId;

    private EventHeaders(Builder b, String id, OffsetDateTime time) {
        this.id = id;
        this.source = b.source;
        this.type = b.type;
        this.time = time;
        this.subject = b.subject;
        this.dataSchema = b.dataSchema;
        this.legalBasis = b.legalBasis;
        this.classification = b.classification;
        this.channel = b.channel;
        this.correlationId = b.correlationId;
    }

    /**
     * A new random event id, as {@link Builder#build()} gives an event without one: a version 4 UUID from a
     * {@link java.security.SecureRandom}, e.g. {@code 3f8c1d2e-9b7a-4c1e-8d2f-0a1b2c3d4e5f}.
     */
    public static String newId() {
        return RandomIds.next();
    }

    /** A builder with no attributes set; {@code id} and {@code time} default at {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this event's attributes, to derive a similar event. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.source = source;
        b.type = type;
        b.time = time;
        b.subject = subject;
        b.dataSchema = dataSchema;
        b.legalBasis = legalBasis;
        b.classification = classification;
        b.channel = channel;
        b.correlationId = correlationId;
        return b;
    }

    /**
     * Reads and validates the event headers of a Kafka record.
     *
     * <p>Reading one record's headers is on every consumer's path, so this method looks at the header list once
     * (not once per key), reads {@code ce_time} in the shapes producers write without a {@code DateTimeFormatter},
     * and remembers the last value of each header that events of one kind share (source, type, legal basis,
     * classification, channel, content type, data schema) that passed every check, so the next record with the
     * same bytes is not checked again. The rules, their order and the errors are those of {@link Builder#build()}
     * and of the checks listed below; only their cost changes.
     *
     * @param headers the record's headers
     * @return the event headers
     * @throws InvalidHeadersException naming the first header at fault and why: missing, duplicated,
     *                                 empty, longer than {@value #MAX_VALUE_BYTES} bytes, not UTF-8, with
     *                                 control characters, or with a value outside its format
     */
    public static EventHeaders parse(Headers headers) {
        Objects.requireNonNull(headers, "'headers' cannot be null");
        Header[] found = new Header[SLOT_KEYS.length];
        int[] repeats = null;
        for (Header header : headers) {
            int slot = slot(header.key());
            if (slot >= 0) {
                if (found[slot] != null) {
                    if (repeats == null) {
                        repeats = new int[SLOT_KEYS.length];
                    }
                    repeats[slot]++;
                }
                found[slot] = header;
            }
        }
        // The checks run in the order they always ran, so the header named is the first one at fault.
        byte[] specVersionBytes = value(found, repeats, SLOT_SPECVERSION, true);
        if (!Arrays.equals(specVersionBytes, SPEC_VERSION_BYTES)) {
            String specVersion = text(HeaderNames.SPECVERSION, specVersionBytes);
            if (!SPEC_VERSION.equals(specVersion)) {
                throw new InvalidHeadersException(HeaderError.UNSUPPORTED_SPECVERSION, HeaderNames.SPECVERSION,
                        "expected '" + SPEC_VERSION + "' but got " + quote(specVersion));
            }
        }
        Builder b = new Builder();
        b.id = text(HeaderNames.ID, value(found, repeats, SLOT_ID, true));

        byte[] sourceBytes = value(found, repeats, SLOT_SOURCE, true);
        Valid knownSource = LAST_SOURCE.find(sourceBytes);
        b.source = knownSource != null ? knownSource.text : text(HeaderNames.SOURCE, sourceBytes);

        byte[] typeBytes = value(found, repeats, SLOT_TYPE, true);
        Valid knownType = LAST_TYPE.find(typeBytes);
        b.type = knownType != null ? knownType.text : text(HeaderNames.TYPE, typeBytes);

        byte[] timeBytes = value(found, repeats, SLOT_TIME, true);
        OffsetDateTime time = timeBytes == null ? null : Rfc3339FastPath.parse(timeBytes);
        b.time = time != null ? time : parseTime(text(HeaderNames.TIME, timeBytes));

        byte[] contentTypeBytes = value(found, repeats, SLOT_CONTENT_TYPE, true);
        if (LAST_CONTENT_TYPE.find(contentTypeBytes) == null) {
            String contentType = text(HeaderNames.CONTENT_TYPE, contentTypeBytes);
            checkContentType(contentType);
            LAST_CONTENT_TYPE.remember(contentTypeBytes, contentType, null);
        }

        byte[] legalBasisBytes = value(found, repeats, SLOT_LEGALBASIS, true);
        Valid knownLegalBasis = LAST_LEGALBASIS.find(legalBasisBytes);
        if (knownLegalBasis != null) {
            b.legalBasis = knownLegalBasis.text;
        } else {
            b.legalBasis = text(HeaderNames.LEGALBASIS, legalBasisBytes);
            LAST_LEGALBASIS.remember(legalBasisBytes, b.legalBasis, null);
        }

        byte[] classificationBytes = value(found, repeats, SLOT_CLASSIFICATION, true);
        Valid knownClassification = LAST_CLASSIFICATION.find(classificationBytes);
        if (knownClassification != null) {
            b.classification = (Classification) knownClassification.parsed;
        } else {
            String classification = text(HeaderNames.CLASSIFICATION, classificationBytes);
            b.classification = Classification.fromCode(classification).orElseThrow(() -> new InvalidHeadersException(
                    HeaderError.UNKNOWN_CLASSIFICATION, HeaderNames.CLASSIFICATION, "expected one of "
                    + Arrays.stream(Classification.values()).map(Classification::code).collect(Collectors.joining(", "))
                    + " but got " + quote(classification)));
            LAST_CLASSIFICATION.remember(classificationBytes, classification, b.classification);
        }

        byte[] channelBytes = value(found, repeats, SLOT_CHANNEL, true);
        Valid knownChannel = LAST_CHANNEL.find(channelBytes);
        if (knownChannel != null) {
            b.channel = (Channel) knownChannel.parsed;
        } else {
            String channel = text(HeaderNames.CHANNEL, channelBytes);
            b.channel = Channel.fromCode(channel).orElseThrow(() -> new InvalidHeadersException(
                    HeaderError.UNKNOWN_CHANNEL, HeaderNames.CHANNEL, "expected one of "
                    + Arrays.stream(Channel.values()).map(Channel::code).collect(Collectors.joining(", "))
                    + " but got " + quote(channel)));
            LAST_CHANNEL.remember(channelBytes, channel, b.channel);
        }

        b.subject = optionalText(found, repeats, SLOT_SUBJECT);
        b.correlationId = optionalText(found, repeats, SLOT_CORRELATIONID);

        byte[] dataSchemaBytes = value(found, repeats, SLOT_DATASCHEMA, false);
        Valid knownDataSchema = null;
        if (found[SLOT_DATASCHEMA] != null) {
            knownDataSchema = LAST_DATASCHEMA.find(dataSchemaBytes);
            if (knownDataSchema != null) {
                b.dataSchema = (URI) knownDataSchema.parsed;
            } else {
                String dataSchema = text(HeaderNames.DATASCHEMA, dataSchemaBytes);
                try {
                    b.dataSchema = new URI(dataSchema);
                } catch (URISyntaxException e) {
                    throw new InvalidHeadersException(HeaderError.MALFORMED_DATASCHEMA, HeaderNames.DATASCHEMA,
                            "expected an absolute URI but got " + quote(dataSchema) + " (" + e.getReason() + ")");
                }
            }
        }

        // What Builder.build() checks beyond each value's text, in its order; the text checks above already hold.
        if (knownSource == null) {
            checkSourceFormat(b.source);
            LAST_SOURCE.remember(sourceBytes, b.source, null);
        }
        if (knownType == null) {
            checkTypeFormat(b.type);
            LAST_TYPE.remember(typeBytes, b.type, null);
        }
        if (b.dataSchema != null && knownDataSchema == null) {
            checkAbsolute(b.dataSchema);
            LAST_DATASCHEMA.remember(dataSchemaBytes, b.dataSchema.toString(), b.dataSchema);
        }
        return new EventHeaders(b, b.id, b.time);
    }

    /**
     * Writes these headers to a Kafka record, replacing any values the record already had for the
     * keys in {@link HeaderNames#all()} so that each key ends up with exactly one value (or none, for
     * an absent optional attribute).
     *
     * @param headers the record's headers
     * @throws IllegalStateException if {@code headers} is read-only, as after the record was sent
     */
    public void writeTo(Headers headers) {
        Objects.requireNonNull(headers, "'headers' cannot be null");
        for (String key : HeaderNames.all()) {
            headers.remove(key);
        }
        add(headers, HeaderNames.SPECVERSION, SPEC_VERSION);
        add(headers, HeaderNames.ID, id);
        add(headers, HeaderNames.SOURCE, source);
        add(headers, HeaderNames.TYPE, type);
        add(headers, HeaderNames.TIME, TIME_WRITER.format(time));
        add(headers, HeaderNames.CONTENT_TYPE, CONTENT_TYPE_AVRO);
        add(headers, HeaderNames.LEGALBASIS, legalBasis);
        add(headers, HeaderNames.CLASSIFICATION, classification.code());
        add(headers, HeaderNames.CHANNEL, channel.code());
        add(headers, HeaderNames.SUBJECT, subject);
        add(headers, HeaderNames.CORRELATIONID, correlationId);
        add(headers, HeaderNames.DATASCHEMA, dataSchema == null ? null : dataSchema.toString());
    }

    /** {@code ce_specversion}: always {@value #SPEC_VERSION}. */
    public String specVersion() {
        return SPEC_VERSION;
    }

    /** {@code ce_id}: unique per source. */
    public String id() {
        return id;
    }

    /** {@code ce_source}: {@code /gt/<institution>/<system>}. */
    public String source() {
        return source;
    }

    /** The institution part of {@link #source()}, e.g. {@code renap}. */
    public String institution() {
        return sourcePart(1);
    }

    /** The system part of {@link #source()}, e.g. {@code sirenap}. */
    public String system() {
        return sourcePart(2);
    }

    /** {@code ce_type}: the topic name without its version, e.g. {@code gt.renap.birth-registered}. */
    public String type() {
        return type;
    }

    /** {@code ce_time}: when the fact happened, with the offset the producer gave. */
    public OffsetDateTime time() {
        return time;
    }

    /** {@code ce_subject}: what the event is about within the source. */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /** {@code content-type}: always {@value #CONTENT_TYPE_AVRO}. */
    public String contentType() {
        return CONTENT_TYPE_AVRO;
    }

    /** {@code ce_dataschema}: the schema of the record value. */
    public Optional<URI> dataSchema() {
        return Optional.ofNullable(dataSchema);
    }

    /** {@code ce_legalbasis}: the law or agreement that allows the exchange. */
    public String legalBasis() {
        return legalBasis;
    }

    /** {@code ce_classification}: the information class under the Ley de Acceso a la Información Pública. */
    public Classification classification() {
        return classification;
    }

    /** {@code ce_channel}: how the record entered the bus. */
    public Channel channel() {
        return channel;
    }

    /** {@code ce_correlationid}: ties related events together. */
    public Optional<String> correlationId() {
        return Optional.ofNullable(correlationId);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EventHeaders)) {
            return false;
        }
        EventHeaders that = (EventHeaders) o;
        return id.equals(that.id) && source.equals(that.source) && type.equals(that.type)
                && time.equals(that.time) && Objects.equals(subject, that.subject)
                && Objects.equals(dataSchema, that.dataSchema) && legalBasis.equals(that.legalBasis)
                && classification == that.classification && channel == that.channel
                && Objects.equals(correlationId, that.correlationId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, source, type, time, subject, dataSchema, legalBasis, classification, channel,
                correlationId);
    }

    @Override
    public String toString() {
        return "EventHeaders(id=" + id + ", source=" + source + ", type=" + type + ", time=" + TIME_WRITER.format(time)
                + ", subject=" + subject + ", legalBasis=" + legalBasis + ", classification=" + classification.code()
                + ", channel=" + channel.code() + ", correlationId=" + correlationId + ", dataSchema=" + dataSchema + ")";
    }

    private String sourcePart(int group) {
        Matcher m = SOURCE.matcher(source);
        if (!m.matches()) {
            throw new IllegalStateException("source was validated at construction: " + source);
        }
        return m.group(group);
    }

    private static void add(Headers headers, String key, String value) {
        if (value != null) {
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The slot of a header key that {@link #parse} reads, or -1 for any other key. By length first: the consumer
     * decodes each record's keys into new strings, so a {@code switch} on the string would hash every key.
     */
    private static int slot(String key) {
        if (key == null) {
            return -1;
        }
        switch (key.length()) {
            case 5:
                return slotIf(key, SLOT_ID);
            case 7:
                return key.equals(HeaderNames.TIME) ? SLOT_TIME : slotIf(key, SLOT_TYPE);
            case 9:
                return slotIf(key, SLOT_SOURCE);
            case 10:
                return key.equals(HeaderNames.CHANNEL) ? SLOT_CHANNEL : slotIf(key, SLOT_SUBJECT);
            case 12:
                return slotIf(key, SLOT_CONTENT_TYPE);
            case 13:
                return key.equals(HeaderNames.LEGALBASIS) ? SLOT_LEGALBASIS : slotIf(key, SLOT_DATASCHEMA);
            case 14:
                return slotIf(key, SLOT_SPECVERSION);
            case 16:
                return slotIf(key, SLOT_CORRELATIONID);
            case 17:
                return slotIf(key, SLOT_CLASSIFICATION);
            default:
                return -1;
        }
    }

    private static int slotIf(String key, int slot) {
        return key.equals(SLOT_KEYS[slot]) ? slot : -1;
    }

    /**
     * The raw value of the one header in {@code slot}: null when it is absent (allowed for an optional header) or
     * when its value is null (which {@link #text} rejects).
     *
     * @throws InvalidHeadersException when the header appears more than once, or is required and absent
     */
    private static byte[] value(Header[] found, int[] repeats, int slot, boolean required) {
        String key = SLOT_KEYS[slot];
        if (repeats != null && repeats[slot] > 0) {
            throw new InvalidHeadersException(HeaderError.DUPLICATE, key,
                    "the header appears " + (repeats[slot] + 1) + " times; each attribute has exactly one value");
        }
        Header header = found[slot];
        if (header == null) {
            if (required) {
                throw new InvalidHeadersException(HeaderError.MISSING, key, "the header is required but absent");
            }
            return null;
        }
        return header.value();
    }

    /** The text of an optional header, null when it is absent. */
    private static String optionalText(Header[] found, int[] repeats, int slot) {
        byte[] bytes = value(found, repeats, slot, false);
        return found[slot] == null ? null : text(SLOT_KEYS[slot], bytes);
    }

    /**
     * A header's value as a string, after the checks every value gets: not null, empty or blank, at most {@value
     * #MAX_VALUE_BYTES} bytes, UTF-8, no control characters.
     */
    private static String text(String key, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidHeadersException(HeaderError.EMPTY, key, "the value is empty");
        }
        if (bytes.length > MAX_VALUE_BYTES) {
            throw new InvalidHeadersException(HeaderError.TOO_LONG, key,
                    "the value has " + bytes.length + " bytes; at most " + MAX_VALUE_BYTES + " are allowed");
        }
        if (printableAscii(bytes)) {
            // Printable ASCII is the same text in UTF-8 and Latin-1 and passes every check below.
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        String value;
        try {
            value = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidHeadersException(HeaderError.NOT_UTF8, key,
                    "the value is not valid UTF-8; the CloudEvents Kafka binding requires UTF-8 strings");
        }
        checkText(key, value);
        return value;
    }

    /** Whether every byte is printable ASCII (0x20 to 0x7E) and one at least is not a space. */
    private static boolean printableAscii(byte[] bytes) {
        boolean visible = false;
        for (byte c : bytes) {
            if (c < 0x20 || c == 0x7f) { // bytes from 0x80 are negative
                return false;
            }
            visible |= c != ' ';
        }
        return visible;
    }

    /**
     * The last value of one header that passed every check of {@link #parse}, by its bytes, shared by all threads:
     * events of one kind carry the same source, type, legal basis and so on, record after record. A race only
     * costs a check.
     */
    private static final class LastValid {

        private volatile Valid last;

        /** The remembered value if {@code bytes} are the same bytes, else null. */
        Valid find(byte[] bytes) {
            Valid known = last;
            return known != null && bytes != null && Arrays.equals(known.bytes, bytes) ? known : null;
        }

        void remember(byte[] bytes, String text, Object parsed) {
            last = new Valid(bytes.clone(), text, parsed);
        }
    }

    /** A header value that passed every check: its bytes (a private copy), its text and what it parsed to. */
    private static final class Valid {

        final byte[] bytes;
        final String text;
        final Object parsed;

        Valid(byte[] bytes, String text, Object parsed) {
            this.bytes = bytes;
            this.text = text;
            this.parsed = parsed;
        }
    }

    /** Blank, control characters and unpaired surrogates: the checks every string value gets. */
    private static void checkText(String key, String value) {
        if (value.isBlank()) {
            throw new InvalidHeadersException(HeaderError.EMPTY, key, "the value is blank");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidHeadersException(HeaderError.ILLEGAL_CHARACTER, key, String.format(Locale.ROOT,
                        "the value contains the control character U+%04X at position %d", (int) c, i + 1));
            }
        }
    }

    /** Every check of a string attribute: length in UTF-8, unpaired surrogates, blank, control characters. */
    private static void checkValue(String key, String value) {
        if (!plainAscii(value)) {
            checkLength(key, value);
            checkText(key, value);
        }
    }

    /**
     * Whether {@code value} passes every check of {@link #checkValue} for sure without encoding it: printable ASCII
     * (one byte per char), not blank, at most {@value #MAX_VALUE_BYTES} chars. Anything else takes the full checks,
     * which name the problem.
     */
    private static boolean plainAscii(String value) {
        int length = value.length();
        if (length == 0 || length > MAX_VALUE_BYTES) {
            return false;
        }
        boolean visible = false;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return false;
            }
            visible |= c != ' ';
        }
        return visible;
    }

    private static void checkLength(String key, String value) {
        int bytes;
        try {
            bytes = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value))
                    .remaining();
        } catch (CharacterCodingException e) {
            throw new InvalidHeadersException(HeaderError.NOT_UTF8, key,
                    "the value cannot be encoded as UTF-8 (it has an unpaired surrogate)");
        }
        if (bytes > MAX_VALUE_BYTES) {
            throw new InvalidHeadersException(HeaderError.TOO_LONG, key,
                    "the value has " + bytes + " bytes in UTF-8; at most " + MAX_VALUE_BYTES + " are allowed");
        }
    }

    private static void checkContentType(String contentType) {
        if (!CONTENT_TYPE_AVRO.equalsIgnoreCase(contentType.strip())) {
            String hint = contentType.regionMatches(true, 0, "application/cloudevents", 0, 23)
                    ? " (structured content mode is not supported: the bus uses binary mode)"
                    : "";
            throw new InvalidHeadersException(HeaderError.UNSUPPORTED_CONTENT_TYPE, HeaderNames.CONTENT_TYPE,
                    "expected '" + CONTENT_TYPE_AVRO + "' but got " + quote(contentType) + hint);
        }
    }

    private static void checkSourceFormat(String source) {
        if (!SOURCE.matcher(source).matches()) {
            throw new InvalidHeadersException(HeaderError.MALFORMED_SOURCE, HeaderNames.SOURCE,
                    "expected /gt/<institution>/<system> (institution code as in topic names, system in lower-case "
                    + "kebab), e.g. /gt/renap/sirenap, but got "
                    + quote(source));
        }
    }

    private static void checkTypeFormat(String type) {
        Optional<String> typeProblem = Topics.invalidTypeReason(type);
        if (typeProblem.isPresent()) {
            throw new InvalidHeadersException(HeaderError.MALFORMED_TYPE, HeaderNames.TYPE,
                    "expected gt.<institution>.<event>, the topic name without .v<N>, but got " + quote(type)
                    + ": " + typeProblem.get());
        }
    }

    private static void checkAbsolute(URI dataSchema) {
        if (!dataSchema.isAbsolute()) {
            throw new InvalidHeadersException(HeaderError.MALFORMED_DATASCHEMA, HeaderNames.DATASCHEMA,
                    "expected an absolute URI but got " + quote(dataSchema.toString()));
        }
    }

    private static OffsetDateTime parseTime(String value) {
        try {
            return OffsetDateTime.parse(value, TIME_PARSER);
        } catch (DateTimeParseException e) {
            throw new InvalidHeadersException(HeaderError.MALFORMED_TIME, HeaderNames.TIME,
                    "expected an RFC 3339 timestamp such as 2026-11-26T11:35:00-06:00 but got " + quote(value));
        }
    }

    private static String quote(String value) {
        return "'" + (value.length() > QUOTE_LIMIT ? value.substring(0, QUOTE_LIMIT) + "…" : value) + "'";
    }

    /** RFC 3339 {@code date-time}: seconds required, fraction optional, offset {@code Z} or ±hh:mm. */
    private static DateTimeFormatter rfc3339(int minFractionDigits) {
        return new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .append(DateTimeFormatter.ISO_LOCAL_DATE)
                .appendLiteral('T')
                .appendValue(HOUR_OF_DAY, 2)
                .appendLiteral(':')
                .appendValue(MINUTE_OF_HOUR, 2)
                .appendLiteral(':')
                .appendValue(SECOND_OF_MINUTE, 2)
                .optionalStart()
                .appendFraction(NANO_OF_SECOND, minFractionDigits, 9, true)
                .optionalEnd()
                .appendOffset("+HH:MM", "Z")
                .toFormatter(Locale.ROOT)
                .withChronology(IsoChronology.INSTANCE)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    /**
     * Builds {@link EventHeaders}. Setters take values as they will travel; {@link #build()} checks
     * them all and throws {@link InvalidHeadersException} naming the header at fault, so a publisher
     * cannot put on the bus an event that a subscriber would reject.
     */
    public static final class Builder {

        private String id;
        private String source;
        private String type;
        private OffsetDateTime time;
        private String subject;
        private URI dataSchema;
        private String legalBasis;
        private Classification classification;
        private Channel channel;
        private String correlationId;

        private Builder() {
        }

        /**
         * @param id unique per source; a random UUID when not set
         * @return this builder
         */
        public Builder id(String id) {
            this.id = Objects.requireNonNull(id, "'id' cannot be null");
            return this;
        }

        /**
         * @param source {@code /gt/<institution>/<system>}, e.g. {@code /gt/renap/sirenap}
         * @return this builder
         */
        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "'source' cannot be null");
            return this;
        }

        /**
         * Sets the source to {@code /gt/<institution>/<system>}.
         *
         * @param institution e.g. {@code renap}
         * @param system      e.g. {@code sirenap}
         * @return this builder
         */
        public Builder source(String institution, String system) {
            Objects.requireNonNull(institution, "'institution' cannot be null");
            Objects.requireNonNull(system, "'system' cannot be null");
            return source("/gt/" + institution + "/" + system);
        }

        /**
         * @param type the topic name without version, e.g. {@code gt.renap.birth-registered}
         * @return this builder
         */
        public Builder type(String type) {
            this.type = Objects.requireNonNull(type, "'type' cannot be null");
            return this;
        }

        /**
         * Sets the type from the topic the event is published to.
         *
         * @param topic e.g. {@code gt.renap.birth-registered.v1}
         * @return this builder
         * @throws gt.enlace.bus.topics.InvalidTopicException if {@code topic} is not a valid event topic
         */
        public Builder typeForTopic(String topic) {
            return type(Topics.eventType(topic));
        }

        /**
         * @param time when the fact happened; now, in UTC to the millisecond, when not set
         * @return this builder
         */
        public Builder time(OffsetDateTime time) {
            this.time = Objects.requireNonNull(time, "'time' cannot be null");
            return this;
        }

        /**
         * @param time when the fact happened, written in UTC
         * @return this builder
         */
        public Builder time(Instant time) {
            Objects.requireNonNull(time, "'time' cannot be null");
            return time(time.atOffset(ZoneOffset.UTC));
        }

        /**
         * @param subject what the event is about within the source, or null for none
         * @return this builder
         */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /**
         * @param dataSchema absolute URI of the value's schema, or null for none
         * @return this builder
         */
        public Builder dataSchema(URI dataSchema) {
            this.dataSchema = dataSchema;
            return this;
        }

        /**
         * @param legalBasis the law or agreement that allows the exchange, e.g. {@code Decreto 90-2005}
         * @return this builder
         */
        public Builder legalBasis(String legalBasis) {
            this.legalBasis = Objects.requireNonNull(legalBasis, "'legalBasis' cannot be null");
            return this;
        }

        /**
         * @param classification the information class of the record
         * @return this builder
         */
        public Builder classification(Classification classification) {
            this.classification = Objects.requireNonNull(classification, "'classification' cannot be null");
            return this;
        }

        /**
         * @param channel how the record entered the bus
         * @return this builder
         */
        public Builder channel(Channel channel) {
            this.channel = Objects.requireNonNull(channel, "'channel' cannot be null");
            return this;
        }

        /**
         * @param correlationId ties related events together, or null for none
         * @return this builder
         */
        public Builder correlationId(String correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        /**
         * Checks every attribute and builds the headers.
         *
         * @return the headers
         * @throws InvalidHeadersException naming the header at fault: a required attribute not set, a
         *                                 value blank, too long, with control characters, or outside
         *                                 its format
         */
        public EventHeaders build() {
            String effectiveId = id != null ? id : RandomIds.next();
            OffsetDateTime effectiveTime = time != null
                    ? time
                    : OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
            text(HeaderNames.ID, effectiveId, true);
            text(HeaderNames.SOURCE, source, true);
            checkSourceFormat(source);
            text(HeaderNames.TYPE, type, true);
            checkTypeFormat(type);
            text(HeaderNames.LEGALBASIS, legalBasis, true);
            required(HeaderNames.CLASSIFICATION, classification);
            required(HeaderNames.CHANNEL, channel);
            text(HeaderNames.SUBJECT, subject, false);
            text(HeaderNames.CORRELATIONID, correlationId, false);
            if (dataSchema != null) {
                text(HeaderNames.DATASCHEMA, dataSchema.toString(), true);
                checkAbsolute(dataSchema);
            }
            return new EventHeaders(this, effectiveId, effectiveTime);
        }

        /**
         * Checks the attributes that events of one kind share and encodes them once: source, type, legal basis,
         * classification, channel and the optional data schema. Id, time, subject and correlation id are ignored here;
         * each event gives its own to {@link Template#headers}.
         *
         * @return the template
         * @throws InvalidHeadersException naming the header at fault, as {@link #build()} would
         */
        public Template template() {
            text(HeaderNames.SOURCE, source, true);
            checkSourceFormat(source);
            text(HeaderNames.TYPE, type, true);
            checkTypeFormat(type);
            text(HeaderNames.LEGALBASIS, legalBasis, true);
            required(HeaderNames.CLASSIFICATION, classification);
            required(HeaderNames.CHANNEL, channel);
            if (dataSchema != null) {
                text(HeaderNames.DATASCHEMA, dataSchema.toString(), true);
                checkAbsolute(dataSchema);
            }
            return new Template(source, type, legalBasis, classification, channel, dataSchema);
        }

        private static void required(String key, Object value) {
            if (value == null) {
                throw new InvalidHeadersException(HeaderError.MISSING, key, "the header is required but was not set");
            }
        }

        private static void text(String key, String value, boolean required) {
            if (value == null) {
                if (required) {
                    required(key, null);
                }
                return;
            }
            checkValue(key, value);
        }
    }

    /**
     * The attributes that many events share (source, type, legal basis, classification, channel, data schema),
     * checked once by {@link Builder#template()} and encoded once, for publishers that send many events of one kind:
     * {@link #headers} adds what each event has of its own (id, time, subject, correlation id) and gives the Kafka
     * headers that {@link EventHeaders#writeTo} would write, in the same order with the same values.
     *
     * <pre>{@code
     * EventHeaders.Template births = EventHeaders.builder().source("renap", "sirenap")
     *         .typeForTopic("gt.renap.birth-registered.v1").legalBasis("Decreto 90-2005")
     *         .classification(Classification.CONFIDENCIAL).channel(Channel.SDK).template();
     * String id = EventHeaders.newId();
     * producer.send(new ProducerRecord<>(topic, null, null, id, value, births.headers(id, null, null, null)));
     * }</pre>
     *
     * <p>Immutable and thread-safe. The shared headers are the same {@link Header} objects for every event: callers
     * must not modify their value arrays.
     */
    public static final class Template {

        private final String source;
        private final String type;
        private final String legalBasis;
        private final Classification classification;
        private final Channel channel;
        private final URI dataSchema;
        private final Header specVersionHeader;
        private final Header sourceHeader;
        private final Header typeHeader;
        private final Header contentTypeHeader;
        private final Header legalBasisHeader;
        private final Header classificationHeader;
        private final Header channelHeader;
        private final Header dataSchemaHeader;

        private Template(String source, String type, String legalBasis, Classification classification, Channel channel,
                         URI dataSchema) {
            this.source = source;
            this.type = type;
            this.legalBasis = legalBasis;
            this.classification = classification;
            this.channel = channel;
            this.dataSchema = dataSchema;
            this.specVersionHeader = header(HeaderNames.SPECVERSION, SPEC_VERSION);
            this.sourceHeader = header(HeaderNames.SOURCE, source);
            this.typeHeader = header(HeaderNames.TYPE, type);
            this.contentTypeHeader = header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE_AVRO);
            this.legalBasisHeader = header(HeaderNames.LEGALBASIS, legalBasis);
            this.classificationHeader = header(HeaderNames.CLASSIFICATION, classification.code());
            this.channelHeader = header(HeaderNames.CHANNEL, channel.code());
            this.dataSchemaHeader = dataSchema == null ? null : header(HeaderNames.DATASCHEMA, dataSchema.toString());
        }

        /**
         * The headers of one event of this kind.
         *
         * @param id            the event id, e.g. from {@link EventHeaders#newId()}
         * @param time          when the fact happened; null for now, in UTC to the millisecond
         * @param subject       what the event is about, or null for none
         * @param correlationId ties related events together, or null for none
         * @return the headers, a fixed-size list in the order {@link EventHeaders#writeTo} writes them
         * @throws InvalidHeadersException naming the header at fault: the id, subject or correlation id blank, too
         *                                 long or with control characters
         */
        public List<Header> headers(String id, OffsetDateTime time, String subject, String correlationId) {
            Objects.requireNonNull(id, "'id' cannot be null");
            Builder.text(HeaderNames.ID, id, true);
            Builder.text(HeaderNames.SUBJECT, subject, false);
            Builder.text(HeaderNames.CORRELATIONID, correlationId, false);
            String timeText = time == null ? NOW_WRITER.format(System.currentTimeMillis()) : TIME_WRITER.format(time);
            int count = 9 + (subject == null ? 0 : 1) + (correlationId == null ? 0 : 1) + (dataSchemaHeader == null ? 0 : 1);
            Header[] headers = new Header[count];
            headers[0] = specVersionHeader;
            headers[1] = header(HeaderNames.ID, id);
            headers[2] = sourceHeader;
            headers[3] = typeHeader;
            headers[4] = header(HeaderNames.TIME, timeText);
            headers[5] = contentTypeHeader;
            headers[6] = legalBasisHeader;
            headers[7] = classificationHeader;
            headers[8] = channelHeader;
            int next = 9;
            if (subject != null) {
                headers[next++] = header(HeaderNames.SUBJECT, subject);
            }
            if (correlationId != null) {
                headers[next++] = header(HeaderNames.CORRELATIONID, correlationId);
            }
            if (dataSchemaHeader != null) {
                headers[next] = dataSchemaHeader;
            }
            return Arrays.asList(headers);
        }

        /** {@code ce_source}. */
        public String source() {
            return source;
        }

        /** {@code ce_type}. */
        public String type() {
            return type;
        }

        /** {@code ce_legalbasis}. */
        public String legalBasis() {
            return legalBasis;
        }

        /** {@code ce_classification}. */
        public Classification classification() {
            return classification;
        }

        /** {@code ce_channel}. */
        public Channel channel() {
            return channel;
        }

        /** {@code ce_dataschema}, if any. */
        public Optional<URI> dataSchema() {
            return Optional.ofNullable(dataSchema);
        }

        private static Header header(String key, String value) {
            return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
