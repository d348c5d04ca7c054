package gt.enlace.bus.headers;

import java.util.List;

/**
 * Kafka header keys of an Enlace event. Keys are public API: never renamed.
 *
 * <p>CloudEvents attributes take the {@code ce_} prefix of the Kafka protocol binding; the data
 * content type is the binding's plain {@code content-type} header.
 */
public final class HeaderNames {

    /** Prefix of every CloudEvents attribute header. */
    public static final String PREFIX = "ce_";

    /** CloudEvents version, always {@code 1.0}. Required. */
    public static final String SPECVERSION = "ce_specversion";

    /** Event id, unique per source; consumers are idempotent on it. Required. */
    public static final String ID = "ce_id";

    /** Producing system, {@code /gt/<institution>/<system>}. Required. */
    public static final String SOURCE = "ce_source";

    /** Event type: the topic name without its {@code .v<N>} suffix. Required. */
    public static final String TYPE = "ce_type";

    /** When the fact happened, RFC 3339. Required on the bus. */
    public static final String TIME = "ce_time";

    /** What the event is about within the source, e.g. a registration number. Optional. */
    public static final String SUBJECT = "ce_subject";

    /** Media type of the record value; {@code application/avro}. Required on the bus. */
    public static final String CONTENT_TYPE = "content-type";

    /** Absolute URI of the schema of the record value. Optional. */
    public static final String DATASCHEMA = "ce_dataschema";

    /** Extension: the law or agreement that allows the exchange. Required on the bus. */
    public static final String LEGALBASIS = "ce_legalbasis";

    /** Extension: {@code publica}, {@code confidencial} or {@code reservada}. Required on the bus. */
    public static final String CLASSIFICATION = "ce_classification";

    /** Extension: how the record entered the bus, {@code sdk}, {@code gateway}, {@code csv-bridge}, {@code declared-manual}. Required on the bus. */
    public static final String CHANNEL = "ce_channel";

    /** Extension: id tying related events together, e.g. all rows of one CSV upload. Optional. */
    public static final String CORRELATIONID = "ce_correlationid";

    private static final List<String> ALL = List.of(SPECVERSION, ID, SOURCE, TYPE, TIME, SUBJECT, CONTENT_TYPE,
            DATASCHEMA, LEGALBASIS, CLASSIFICATION, CHANNEL, CORRELATIONID);

    private HeaderNames() {
    }

    /** Every header key above: what {@link EventHeaders#writeTo} replaces. */
    public static List<String> all() {
        return ALL;
    }
}
