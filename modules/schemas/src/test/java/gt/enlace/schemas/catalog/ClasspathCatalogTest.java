package gt.enlace.schemas.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled catalog loads the same way from a jar as from a classes directory. */
class ClasspathCatalogTest {

    @TempDir
    Path dir;

    @Test
    void loadsTheCatalogAndSchemasFromAJar() throws IOException {
        Path jar = dir.resolve("enlace-schemas.jar");
        Path schemas = BundledCatalogTest.SOURCE_CATALOG.getParent();
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(schemas)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = schemas.relativize(file).toString().replace('\\', '/');
                if (name.endsWith(".avsc") || name.equals("catalog.yaml")) {
                    zip.putNextEntry(new JarEntry(TopicCatalog.DEFAULT_LOCATION + name));
                    zip.write(Files.readAllBytes(file));
                    zip.closeEntry();
                }
            }
        }

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            TopicCatalog catalog = TopicCatalog.loadFromClasspath(loader);

            assertThat(catalog.source()).isEqualTo("classpath:enlace/schemas/catalog.yaml");
            assertThat(catalog.topics()).isEqualTo(TopicCatalog.loadDefault().topics());
        }
    }

    @Test
    void aMissingCatalogResourceIsReported() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> TopicCatalog.loadFromClasspath(empty))
                    .isInstanceOf(CatalogException.class)
                    .hasMessage("classpath:enlace/schemas/catalog.yaml: catalog: not found on the classpath;"
                            + " is the enlace-schemas jar on it?");
        }
    }
}
