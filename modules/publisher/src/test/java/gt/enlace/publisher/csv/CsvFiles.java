package gt.enlace.publisher.csv;

import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.samples.SampleEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;

/** Builds CSV text from the catalog's samples, for tests. */
public final class CsvFiles {

    private CsvFiles() {
    }

    public static Schema schema(String topic) {
        return TopicCatalog.loadDefault().topic(topic).orElseThrow().schema();
    }

    /** The header and rows {@code from..to-1} of the topic's samples, each row passed through {@code edit}. */
    public static String csv(String topic, char delimiter, int from, int to, UnaryOperator<List<String>> edit) {
        Schema schema = schema(topic);
        StringBuilder text = new StringBuilder(line(CsvTemplate.header(schema), delimiter));
        for (int i = from; i < to; i++) {
            List<String> row = new ArrayList<>(CsvTemplate.row(schema, SampleEvents.sampleFor(topic, i)));
            text.append(line(edit.apply(row), delimiter));
        }
        return text.toString();
    }

    public static String line(List<String> cells, char delimiter) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append(delimiter);
            }
            text.append(RejectsWriter.quote(cells.get(i), delimiter));
        }
        return text.append("\r\n").toString();
    }

    /** Column index of a field path in the template header. */
    public static int column(String topic, String path) {
        return CsvTemplate.header(schema(topic)).indexOf(path);
    }
}
