package gt.enlace.publisher.csv;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link CsvBridge#publish} does with one file. Immutable; start with {@link #forTopic(String)}.
 *
 * @param topic                the catalog topic to publish to
 * @param charset              the file's encoding, or null to detect it (BOM, else UTF-8 when valid, else Windows-1252)
 * @param delimiter            the field delimiter, or null to detect it from the header ({@code ,} {@code ;} or tab)
 * @param columnMap            explicit {@code header cell -> field path} mappings
 * @param ignoreUnknownColumns whether header cells matching no field are ignored instead of failing the file
 * @param rejectsFile          where rejected rows go, or null for {@code <file name without .csv>.rejects.csv} beside the file
 * @param maxFieldChars        longest cell accepted; a longer one rejects its row
 * @param chunkRows            rows sent between progress markers
 */
public record CsvOptions(String topic, Charset charset, Character delimiter, Map<String, String> columnMap,
                         boolean ignoreUnknownColumns, Path rejectsFile, int maxFieldChars, int chunkRows) {

    /** Default {@link #chunkRows()}. */
    public static final int DEFAULT_CHUNK_ROWS = 10_000;

    public CsvOptions {
        Objects.requireNonNull(topic, "'topic' cannot be null");
        columnMap = Map.copyOf(columnMap);
        if (maxFieldChars < 1 || chunkRows < 1) {
            throw new IllegalArgumentException("'maxFieldChars' and 'chunkRows' must be positive");
        }
    }

    /** Detected encoding and delimiter, header mapping by name, default limits. */
    public static CsvOptions forTopic(String topic) {
        return new CsvOptions(topic, null, null, Map.of(), false, null, CsvTokenizer.DEFAULT_MAX_FIELD_CHARS, DEFAULT_CHUNK_ROWS);
    }

    public CsvOptions withCharset(Charset charset) {
        return new CsvOptions(topic, charset, delimiter, columnMap, ignoreUnknownColumns, rejectsFile, maxFieldChars, chunkRows);
    }

    public CsvOptions withDelimiter(Character delimiter) {
        return new CsvOptions(topic, charset, delimiter, columnMap, ignoreUnknownColumns, rejectsFile, maxFieldChars, chunkRows);
    }

    /** Adds one {@code column=field} mapping. */
    public CsvOptions withColumn(String column, String fieldPath) {
        Map<String, String> map = new LinkedHashMap<>(columnMap);
        map.put(column, fieldPath);
        return new CsvOptions(topic, charset, delimiter, map, ignoreUnknownColumns, rejectsFile, maxFieldChars, chunkRows);
    }

    public CsvOptions withIgnoreUnknownColumns(boolean ignore) {
        return new CsvOptions(topic, charset, delimiter, columnMap, ignore, rejectsFile, maxFieldChars, chunkRows);
    }

    public CsvOptions withRejectsFile(Path rejectsFile) {
        return new CsvOptions(topic, charset, delimiter, columnMap, ignoreUnknownColumns, rejectsFile, maxFieldChars, chunkRows);
    }

    public CsvOptions withMaxFieldChars(int maxFieldChars) {
        return new CsvOptions(topic, charset, delimiter, columnMap, ignoreUnknownColumns, rejectsFile, maxFieldChars, chunkRows);
    }

    public CsvOptions withChunkRows(int chunkRows) {
        return new CsvOptions(topic, charset, delimiter, columnMap, ignoreUnknownColumns, rejectsFile, maxFieldChars, chunkRows);
    }

    /** The rejects file for {@code file}: the option, else {@code births.csv -> births.rejects.csv} in the same folder. */
    public Path rejectsFileFor(Path file) {
        if (rejectsFile != null) {
            return rejectsFile;
        }
        String name = file.getFileName().toString();
        String base = name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return file.resolveSibling(base + ".rejects.csv");
    }
}
