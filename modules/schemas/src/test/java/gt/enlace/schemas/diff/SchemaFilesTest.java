package gt.enlace.schemas.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaFilesTest {

    @TempDir
    Path dir;

    private static final String ZONE = "{\"type\": \"enum\", \"name\": \"gt.enlace.common.Zone\", \"symbols\": [\"NORTH\", \"SOUTH\"]}";
    private static final String PLACE = """
        {"type": "record", "name": "Place", "namespace": "gt.enlace.common",
         "fields": [{"name": "zone", "type": "Zone"}]}
        """;
    private static final String EVENT = """
        {"type": "record", "name": "a.Event", "fields": [{"name": "place", "type": "gt.enlace.common.Place"}]}
        """;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Test
    void filesReferencingTypesOfLaterFilesParseWhateverTheOrder() throws IOException {
        write("a/Event.avsc", EVENT);           // sorts first, needs both others
        write("z/Place.avsc", PLACE);           // needs Zone, which sorts last
        write("zz/Zone.avsc", ZONE);

        List<SchemaFiles.Entry> entries = SchemaFiles.parse(List.of(dir), List.of()).entries();

        assertThat(entries).extracting(e -> dir.relativize(e.file()).toString().replace('\\', '/'))
            .containsExactly("a/Event.avsc", "z/Place.avsc", "zz/Zone.avsc");
        assertThat(entries).allMatch(SchemaFiles.Entry::parsed);
        assertThat(entries.get(0).schema().getField("place").schema().getField("zone").schema().getEnumSymbols())
            .containsExactly("NORTH", "SOUTH");
    }

    @Test
    void twoFilesDefiningTheSameNameBothParse() throws IOException {
        Path v1 = write("v1/Zone.avsc", ZONE);
        Path v2 = write("v2/Zone.avsc", ZONE.replace("\"SOUTH\"", "\"SOUTH\", \"EAST\""));

        List<SchemaFiles.Entry> entries = SchemaFiles.parse(List.of(v1, v2), List.of()).entries();

        assertThat(entries).allMatch(SchemaFiles.Entry::parsed);
        assertThat(entries.get(1).schema().getEnumSymbols()).containsExactly("NORTH", "SOUTH", "EAST");
    }

    @Test
    void typesNoFileDefinesComeFromTheFallbackButLocalFilesWin() throws IOException {
        Schema fallbackZone = new Schema.Parser().parse(ZONE.replace("\"SOUTH\"", "\"WEST\""));
        Path event = write("Event.avsc", PLACE);

        Schema place = SchemaFiles.parse(List.of(event), List.of(fallbackZone)).entries().get(0).schema();
        assertThat(place.getField("zone").schema().getEnumSymbols()).containsExactly("NORTH", "WEST");

        write("Zone.avsc", ZONE);
        List<SchemaFiles.Entry> both = SchemaFiles.parse(List.of(dir), List.of(fallbackZone)).entries();
        assertThat(both.get(0).schema().getField("zone").schema().getEnumSymbols()).containsExactly("NORTH", "SOUTH");
    }

    @Test
    void malformedJsonGivesLineAndColumnAndAnUndefinedTypeNamesIt() throws IOException {
        write("Bad.avsc", "{\"type\": \"record\",\n \"name\": \"Bad\"\n \"fields\": []}");
        write("Lost.avsc", "{\"type\": \"record\", \"name\": \"Lost\", \"fields\": [{\"name\": \"x\", \"type\": \"gt.Nowhere\"}]}");

        List<SchemaFiles.Entry> entries = SchemaFiles.parse(List.of(dir), List.of()).entries();

        assertThat(entries.get(0).parsed()).isFalse();
        assertThat(entries.get(0).error()).startsWith("line 3, column 2: Unexpected character");
        assertThat(entries.get(1).error()).contains("gt.Nowhere");
    }

    @Test
    void aMissingPathOrANonAvscFileIsRejected() throws IOException {
        assertThatThrownBy(() -> SchemaFiles.find(List.of(dir.resolve("nope")))).hasMessageEndingWith("nope does not exist");
        Path text = write("notes.txt", "hello");
        assertThatThrownBy(() -> SchemaFiles.find(List.of(text))).hasMessageEndingWith("notes.txt is not an .avsc file");
    }
}
