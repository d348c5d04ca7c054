/**
 * The event headers of every record on the bus: CloudEvents 1.0 attributes in the Kafka protocol
 * binding's binary content mode (each attribute a {@code ce_}-prefixed header with a UTF-8 string
 * value, the Avro payload as the record value, {@code content-type: application/avro}), plus the
 * government-exchange extensions {@code ce_legalbasis}, {@code ce_classification},
 * {@code ce_channel} and {@code ce_correlationid}.
 *
 * <p>Publishers build an {@link gt.enlace.bus.headers.EventHeaders} and
 * {@link gt.enlace.bus.headers.EventHeaders#writeTo(org.apache.kafka.common.header.Headers) write} it
 * to the record; subscribers {@link gt.enlace.bus.headers.EventHeaders#parse(org.apache.kafka.common.header.Headers)
 * parse} it back, and a malformed header set fails with an
 * {@link gt.enlace.bus.headers.InvalidHeadersException} that names the header and the reason.
 */
package gt.enlace.bus.headers;
