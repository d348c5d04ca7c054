package gt.enlace.portal.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import gt.enlace.publisher.json.JsonText;
import gt.enlace.publisher.json.PlainJson;
import gt.enlace.schemas.samples.SampleEvents;

/**
 * An example record of a topic as plain JSON, the way people read one and the way the publishing gateway accepts
 * it ({@link PlainJson}): objects, strings and numbers, unions without Avro's {@code {"string": ...}} wrapping,
 * dates and instants as ISO-8601 text. The record is {@link SampleEvents#sampleFor(String, int) the topic's first
 * synthetic sample}.
 */
public final class ExampleRecords {

    private ExampleRecords() {
    }

    /**
     * @param topic a catalog topic
     * @return its first sample as nested maps, lists, strings, numbers and booleans (so that any JSON writer
     *         renders it), or null when there is no sample for the topic
     */
    public static Object example(String topic) {
        if (!SampleEvents.topics().contains(topic)) {
            return null;
        }
        return JsonText.mapper().convertValue(PlainJson.toJson(SampleEvents.sampleFor(topic, 0)), Object.class);
    }

    /**
     * @param value what {@link #example(String)} returned
     * @return it as indented JSON text
     */
    public static String pretty(Object value) {
        try {
            return JsonText.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an example record is always writable as JSON", e);
        }
    }
}
