package gt.enlace.registry.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import gt.enlace.registry.compatibility.CompatibilityChecker.Previous;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompatibilityMatrixTest {

    private static final String BASE = "{\"type\":\"record\",\"name\":\"R\",\"fields\":["
        + "{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\"}]}";

    /** The six changes: name, old schema, new schema. */
    enum Change {
        ADD_FIELD_WITH_DEFAULT(BASE, "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
            + "{\"name\":\"b\",\"type\":\"string\"},{\"name\":\"c\",\"type\":\"string\",\"default\":\"x\"}]}"),
        ADD_FIELD_WITHOUT_DEFAULT(BASE, "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
            + "{\"name\":\"b\",\"type\":\"string\"},{\"name\":\"c\",\"type\":\"string\"}]}"),
        REMOVE_FIELD(BASE, "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}"),
        RENAME_WITH_ALIAS(BASE, "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
            + "{\"name\":\"b2\",\"type\":\"string\",\"aliases\":[\"b\"]}]}"),
        PROMOTE_INT_TO_LONG("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"long\"}]}"),
        ADD_ENUM_SYMBOL("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}",
            "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\",\"C\"]}");

        final Schema oldSchema;
        final Schema newSchema;

        Change(String oldSchema, String newSchema) {
            this.oldSchema = new Schema.Parser().parse(oldSchema);
            this.newSchema = new Schema.Parser().parse(newSchema);
        }
    }

    /**
     * Avro semantics: BACKWARD = the new schema reads old data; FORWARD = the old schema reads new data.
     * Columns: backward-compatible?, forward-compatible?
     */
    static Stream<Arguments> matrix() {
        boolean[][] directions = {
            {true, true},    // add field with default
            {false, true},   // add field without default: the new reader has no default for old data
            {true, false},   // remove field: the old reader misses it and has no default
            {true, false},   // rename with alias: only the reader's aliases count
            {true, false},   // int -> long: a long reads an int, not the reverse
            {true, false},   // enum symbol added: the old reader does not know C
        };
        Stream.Builder<Arguments> rows = Stream.builder();
        for (Change change : Change.values()) {
            boolean backward = directions[change.ordinal()][0];
            boolean forward = directions[change.ordinal()][1];
            for (CompatibilityLevel level : CompatibilityLevel.values()) {
                boolean expected = switch (level) {
                    case NONE -> true;
                    case BACKWARD, BACKWARD_TRANSITIVE -> backward;
                    case FORWARD, FORWARD_TRANSITIVE -> forward;
                    case FULL, FULL_TRANSITIVE -> backward && forward;
                };
                rows.add(Arguments.of(level, change, expected));
            }
        }
        return rows.build();
    }

    @ParameterizedTest(name = "{0} {1} compatible={2}")
    @MethodSource("matrix")
    void eachLevelJudgesEachChangeAsAvroDoes(CompatibilityLevel level, Change change, boolean compatible) {
        List<String> messages = CompatibilityChecker.check(level, change.newSchema,
            List.of(new Previous(change.oldSchema, 1, null)));
        assertThat(messages.isEmpty()).as(String.join("\n", messages)).isEqualTo(compatible);
        if (!compatible) {
            assertThat(messages.get(messages.size() - 1))
                .isEqualTo("{validateFields: 'false', compatibility: '" + level.name() + "'}");
        }
    }

    @Test
    void transitiveLevelsCompareWithEveryVersionPlainOnesWithTheLatestOnly() {
        Schema v1 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
        Schema v2 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
            + "{\"name\":\"b\",\"type\":\"string\",\"default\":\"\"}]}");
        Schema v3 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
            + "{\"name\":\"b\",\"type\":\"string\"}]}");
        List<Previous> history = List.of(new Previous(v1, 1, null), new Previous(v2, 2, null));

        assertThat(CompatibilityChecker.check(CompatibilityLevel.BACKWARD, v3, history)).isEmpty();
        assertThat(CompatibilityChecker.check(CompatibilityLevel.BACKWARD_TRANSITIVE, v3, history))
            .contains("{oldSchemaVersion: 1}");
    }

    @Test
    void messagesAreWordedLikeConfluents() {
        Change change = Change.ADD_FIELD_WITHOUT_DEFAULT;
        List<String> messages = CompatibilityChecker.check(CompatibilityLevel.BACKWARD, change.newSchema,
            List.of(new Previous(change.oldSchema, 3, null)));

        assertThat(messages).containsExactly(
            "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'c' at path '/fields/2' in the new "
                + "schema has no default value and is missing in the old schema', additionalInfo:'c'}",
            "{oldSchemaVersion: 3}",
            "{oldSchema: '" + change.oldSchema + "'}",
            "{validateFields: 'false', compatibility: 'BACKWARD'}");
    }

    @Test
    void forwardMessagesNameTheOldSchemaAsTheReader() {
        Change change = Change.REMOVE_FIELD;
        List<String> messages = CompatibilityChecker.check(CompatibilityLevel.FORWARD, change.newSchema,
            List.of(new Previous(change.oldSchema, 1, null)));

        assertThat(messages.get(0)).isEqualTo("{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'b' "
            + "at path '/fields/1' in the old schema has no default value and is missing in the new schema', "
            + "additionalInfo:'b'}");
    }
}
