package gt.enlace.portal.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One topic of the data catalog as {@code GET /api/v1/catalog} returns it and the pages show it. The parts that
 * come from the running platform ({@link #history()}, {@link #statistics()}, {@link #subscribers()}) say whether
 * they could be read; when the registry or the cluster does not answer, the rest of the entry is still served.
 * Summaries (the catalog list page) leave those three parts null.
 *
 * @param topic          topic name, e.g. {@code gt.renap.birth-registered.v1}
 * @param owner          the institution that owns (alone writes) the topic
 * @param description    what one record means, by language: {@code es} and {@code en}
 * @param classification {@code publica}, {@code confidencial} or {@code reservada} (Decreto 57-2008)
 * @param legalBasis     the law under which the owner keeps and shares the records
 * @param retention      how long records are kept
 * @param partitions     the catalog's partition count
 * @param cleanupPolicy  Kafka {@code cleanup.policy}
 * @param compatibility  the subject's compatibility level, e.g. {@code BACKWARD}
 * @param subject        the schema-registry subject, {@code <topic>-value}
 * @param schema         the current schema as a field table
 * @param matchedFields  paths of the fields that matched the search's {@code field} parameter; empty without one
 * @param history        the registered versions and what changed between consecutive ones; null in summaries
 * @param example        a synthetic example record as plain JSON; null when the topic has no sample
 * @param statistics     record counts; null in summaries
 * @param subscribers    the consumer groups reading the topic; null in summaries
 */
public record CatalogEntry(String topic, Owner owner, Map<String, String> description, String classification,
                           String legalBasis, Retention retention, int partitions, String cleanupPolicy,
                           String compatibility, String subject, SchemaSection schema, List<String> matchedFields,
                           History history, Object example, Statistics statistics, Subscribers subscribers) {

    /**
     * @param code    the institution code, e.g. {@code renap}
     * @param acronym e.g. {@code RENAP}
     * @param name    official name by language: {@code es} and {@code en}
     */
    public record Owner(String code, String acronym, Map<String, String> name) {
    }

    /**
     * @param ms       Kafka {@code retention.ms}, -1 for forever
     * @param infinite whether records are kept forever
     * @param days     the retention in whole days, null when infinite
     */
    public record Retention(long ms, boolean infinite, Long days) {
    }

    /**
     * @param record  full name of the top-level record
     * @param source  {@code registry} when the fields are those of the latest registered version, {@code catalog}
     *                when the subject has no version yet and the catalog's {@code .avsc} is shown
     * @param version the registered version shown, null when from the catalog
     * @param doc     the record's {@code doc}
     * @param fields  the field table
     */
    public record SchemaSection(String record, String source, Integer version, String doc, List<FieldView> fields) {
    }

    /**
     * @param available whether the registry answered
     * @param error     why it could not be read, null when available
     * @param versions  oldest first; empty when the subject has no registered version yet
     */
    public record History(boolean available, String error, List<Version> versions) {
    }

    /**
     * @param version     the version number, 1 or more
     * @param id          the registry's global schema id
     * @param changes     what changed since the previous version, one line each ({@code field added: email ...});
     *                    empty for version 1
     * @param newReadsOld whether this version reads data written with the previous one (backward); null for version 1
     * @param oldReadsNew whether the previous version reads data written with this one (forward); null for version 1
     */
    public record Version(int version, int id, List<String> changes, Boolean newReadsOld, Boolean oldReadsNew) {
    }

    /**
     * @param available      whether the cluster answered
     * @param error          why it could not be read, null when available
     * @param exists         whether the topic exists on the cluster
     * @param records        records the topic holds now
     * @param recordsLastDay records appended in the last 24 hours
     * @param ratePerHour    {@code recordsLastDay / 24}
     */
    public record Statistics(boolean available, String error, boolean exists, long records, long recordsLastDay,
                             double ratePerHour) {
    }

    /**
     * @param available whether the cluster answered
     * @param error     why it could not be read, null when available
     * @param groups    the consumer groups with committed offsets on the topic
     */
    public record Subscribers(boolean available, String error, List<Subscriber> groups) {
    }

    /**
     * @param group           the consumer group id
     * @param institution     the catalog institution whose code starts the group id ({@code mineduc.} or
     *                        {@code mineduc-}), null when none does
     * @param agreement       id of the data-sharing agreement in force under which the institution reads the topic, null
     *                        when there is none (or the group is not attributed to an institution)
     * @param state           the group's state, e.g. {@code STABLE} or {@code EMPTY}
     * @param members         members connected now
     * @param lag             records not yet consumed, all partitions
     * @param caughtUp        whether the lag is 0
     * @param lastDeliveredAt timestamp of the last record consumed, null when unknown
     */
    public record Subscriber(String group, String institution, String agreement, String state, int members, long lag,
                             boolean caughtUp, Instant lastDeliveredAt) {
    }
}
