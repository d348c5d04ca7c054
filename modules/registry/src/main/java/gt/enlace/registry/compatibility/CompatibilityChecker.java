package gt.enlace.registry.compatibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Checks a new Avro schema against earlier versions with Avro's own
 * {@link SchemaCompatibility#checkReaderWriterCompatibility(Schema, Schema)}, and words the result the
 * way Confluent Schema Registry does, so tools that parse its messages keep working:
 *
 * <pre>
 * {errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'x' at path '/fields/1' in the new schema has no default value and is missing in the old schema', additionalInfo:'x'}
 * {oldSchemaVersion: 1}
 * {oldSchema: '{"type":"record",...}'}
 * {validateFields: 'false', compatibility: 'BACKWARD'}
 * </pre>
 *
 * <p>An empty list means compatible. Non-transitive levels compare with the latest previous version only;
 * transitive ones with each previous version from newest to oldest and report the first that fails.
 */
public final class CompatibilityChecker {

    /** Longest old schema quoted in a message, as Confluent does. */
    static final int MAX_SCHEMA_SIZE_FOR_LOGGING = 10 * 1024;
    private static final String NEW = "new";
    private static final String OLD = "old";

    private CompatibilityChecker() {
    }

    /** One earlier version: its parsed schema, its version number (may be null) and its stored string. */
    public record Previous(Schema schema, Integer version, String canonical) {
        public Previous {
            Objects.requireNonNull(schema, "'schema' cannot be null");
            if (canonical == null) {
                canonical = schema.toString();
            }
        }
    }

    /**
     * Returns the incompatibility messages of {@code candidate} against {@code previous} (oldest first) at
     * {@code level}; empty when compatible.
     */
    public static List<String> check(CompatibilityLevel level, Schema candidate, List<Previous> previous) {
        Objects.requireNonNull(level, "'level' cannot be null");
        Objects.requireNonNull(candidate, "'candidate' cannot be null");
        if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
            return new ArrayList<>();
        }
        List<String> messages = new ArrayList<>();
        for (int i = previous.size() - 1; i >= 0; i--) {
            messages = checkOne(level, candidate, previous.get(i));
            if (!messages.isEmpty() || !level.transitive()) {
                break;
            }
        }
        if (!messages.isEmpty()) {
            messages.add("{validateFields: 'false', compatibility: '" + level.name() + "'}");
        }
        return messages;
    }

    private static List<String> checkOne(CompatibilityLevel level, Schema candidate, Previous existing) {
        List<String> result = new ArrayList<>();
        if (level.backward() && level.forward()) {
            result.addAll(format(incompatibilities(existing.schema(), candidate), existing, OLD, NEW, false));
            result.addAll(format(incompatibilities(candidate, existing.schema()), existing, NEW, OLD, true));
        } else if (level.backward()) {
            result.addAll(format(incompatibilities(candidate, existing.schema()), existing, NEW, OLD, true));
        } else {
            result.addAll(format(incompatibilities(existing.schema(), candidate), existing, OLD, NEW, true));
        }
        return result;
    }

    private static List<Incompatibility> incompatibilities(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult().getIncompatibilities();
    }

    private static List<String> format(List<Incompatibility> found, Previous existing, String reader, String writer,
                                       boolean appendSchema) {
        List<String> messages = new ArrayList<>();
        for (Incompatibility incompatibility : found) {
            messages.add(describe(incompatibility, reader, writer));
        }
        if (!messages.isEmpty() && appendSchema) {
            if (existing.version() != null) {
                messages.add("{oldSchemaVersion: " + existing.version() + "}");
            }
            String old = existing.canonical();
            if (old.length() <= MAX_SCHEMA_SIZE_FOR_LOGGING) {
                messages.add("{oldSchema: '" + old + "'}");
            } else {
                messages.add("{oldSchema: <truncated to " + MAX_SCHEMA_SIZE_FOR_LOGGING + " characters> '"
                    + old.substring(0, MAX_SCHEMA_SIZE_FOR_LOGGING) + "'}");
            }
        }
        return messages;
    }

    /** Words one incompatibility; {@code reader}/{@code writer} are "new" or "old". */
    static String describe(Incompatibility incompatibility, String reader, String writer) {
        String path = incompatibility.getLocation();
        String info = incompatibility.getMessage();
        String description = switch (incompatibility.getType()) {
            case FIXED_SIZE_MISMATCH -> "The size of FIXED type field at path '" + path + "' in the " + reader
                + " schema does not match with the " + writer + " schema";
            case TYPE_MISMATCH -> "The type (path '" + path + "') of a field in the " + reader
                + " schema does not match with the " + writer + " schema";
            case NAME_MISMATCH -> "The name of the schema has changed (path '" + path + "')";
            case MISSING_ENUM_SYMBOLS -> "The " + reader + " schema is missing enum symbols '" + info + "' at path '"
                + path + "' in the " + writer + " schema";
            case MISSING_UNION_BRANCH -> "The " + reader + " schema is missing a type inside a union field at path '"
                + path + "' in the " + writer + " schema";
            case READER_FIELD_MISSING_DEFAULT_VALUE -> "The field '" + info + "' at path '" + path + "' in the " + reader
                + " schema has no default value and is missing in the " + writer + " schema";
            default -> "";
        };
        return "{errorType:'" + incompatibility.getType() + "', description:'" + description
            + "', additionalInfo:'" + info + "'}";
    }
}
