package gt.enlace.schemas.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The avro-maven-plugin configuration keeps up with the schemas folder. */
class SchemaBuildConfigTest {

    @Test
    void everySharedTypeFileIsImportedBeforeTheEventSchemas() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Path schemas = BundledCatalogTest.SOURCE_CATALOG.getParent();
        Set<String> topicSchemas = TopicCatalog.load(BundledCatalogTest.SOURCE_CATALOG).topics().stream()
                .map(TopicDefinition::schemaPath).collect(Collectors.toSet());
        List<String> shared;
        try (Stream<Path> files = Files.walk(schemas)) {
            shared = files.map(file -> schemas.relativize(file).toString().replace('\\', '/'))
                    .filter(name -> name.endsWith(".avsc") && !topicSchemas.contains(name))
                    .toList();
        }

        assertThat(shared).contains("common/GeoLocation.avsc", "sat/TaxpayerStatus.avsc")
                .allSatisfy(name -> assertThat(pom).contains("<import>${enlace.schemas.dir}/" + name + "</import>"));
    }
}
