/**
 * Plain JSON to Avro: {@link gt.enlace.publisher.json.JsonRecordMapper} maps the JSON people write (no union wrappers,
 * ISO dates, decimals as numbers) onto a topic's schema, collecting every problem with its JSON path. Plain Java.
 */
package gt.enlace.publisher.json;
