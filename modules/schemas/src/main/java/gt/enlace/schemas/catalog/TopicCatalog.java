package gt.enlace.schemas.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The topic catalog: every topic on the bus with its schema, owner and rules, and every institution that
 * may own topics. Immutable once loaded.
 *
 * <p>{@link #load(Path)} reads a {@code catalog.yaml} and resolves each topic's {@code schema:} path relative
 * to the yaml's folder; every {@code .avsc} file under that folder is parsed, so an event schema can name
 * {@code common/} types by their full name. {@link #loadDefault()} reads the catalog and schemas bundled in
 * this module's jar under {@value #DEFAULT_LOCATION}. Loading validates everything and throws one
 * {@link CatalogException} listing every problem: an unknown or unparsable schema file, a record name that
 * is not the schema's, a bad or duplicate topic name, an owner that is not a listed institution or differs
 * from the name's institution segment, a bad classification, partition count, retention, cleanup policy or
 * compatibility level, and missing or unknown keys.
 *
 * <pre>{@code
 * TopicCatalog catalog = TopicCatalog.loadDefault();
 * TopicDefinition births = catalog.topic("gt.renap.birth-registered.v1").orElseThrow();
 * births.partitions();      // 6
 * births.deadLetterTopic(); // gt.renap.birth-registered.v1.dlt
 * }</pre>
 */
public final class TopicCatalog {

    /** Classpath folder of the bundled schemas and catalog. */
    public static final String DEFAULT_LOCATION = "enlace/schemas/";

    /** Classpath resource of the bundled catalog. */
    public static final String DEFAULT_RESOURCE = DEFAULT_LOCATION + "catalog.yaml";

    private static final String SCHEMA_SUFFIX = ".avsc";

    private final String source;
    private final List<InstitutionDefinition> institutions;
    private final List<TopicDefinition> topics;

    TopicCatalog(String source, List<InstitutionDefinition> institutions, List<TopicDefinition> topics) {
        this.source = source;
        this.institutions = List.copyOf(institutions);
        this.topics = List.copyOf(topics);
    }

    /**
     * Loads and validates a catalog file; schema paths are resolved relative to its folder.
     *
     * @param catalogYaml path of the {@code catalog.yaml}
     * @throws CatalogException listing every problem found, each with the file (relative to the working
     *                          directory when it is under it), the entry and the reason
     */
    public static TopicCatalog load(Path catalogYaml) {
        Objects.requireNonNull(catalogYaml, "'catalogYaml' cannot be null");
        String file = displayName(catalogYaml);
        String yaml;
        try {
            yaml = Files.readString(catalogYaml, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CatalogException(file, "catalog", "file does not exist");
        } catch (IOException e) {
            throw new CatalogException(file, "catalog", "cannot be read: " + e);
        }
        Path folder = catalogYaml.toAbsolutePath().normalize().getParent();
        return new CatalogReader(file, schemaFiles(folder)).read(yaml);
    }

    /**
     * Loads the catalog bundled in this module's jar (resource {@value #DEFAULT_RESOURCE}), which the build
     * has already validated. Works from a directory, a plain jar or a jar nested in a Spring Boot jar.
     *
     * @throws CatalogException when the resource is missing from the classpath
     */
    public static TopicCatalog loadDefault() {
        return DefaultHolder.CATALOG;
    }

    private static final class DefaultHolder {
        static final TopicCatalog CATALOG = loadFromClasspath(TopicCatalog.class.getClassLoader());
    }

    /** Loads {@value #DEFAULT_RESOURCE} and the schemas beside it through {@code loader}. */
    static TopicCatalog loadFromClasspath(ClassLoader loader) {
        String file = "classpath:" + DEFAULT_RESOURCE;
        URL url = loader.getResource(DEFAULT_RESOURCE);
        if (url == null) {
            throw new CatalogException(file, "catalog", "not found on the classpath; is the enlace-schemas jar on it?");
        }
        try {
            Map<String, String> schemaFiles;
            if ("file".equals(url.getProtocol())) {
                schemaFiles = schemaFiles(Path.of(url.toURI()).getParent());
            } else {
                schemaFiles = schemaFilesInJar(url);
            }
            String yaml;
            try (InputStream in = url.openStream()) {
                yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new CatalogReader(file, schemaFiles).read(yaml);
        } catch (IOException | URISyntaxException e) {
            throw new CatalogException(file, "catalog", "cannot be read: " + e);
        }
    }

    private static Map<String, String> schemaFilesInJar(URL catalogUrl) throws IOException {
        URLConnection connection = catalogUrl.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            throw new IOException("unsupported classpath location " + catalogUrl);
        }
        jarConnection.setUseCaches(false);
        Map<String, String> files = new HashMap<>();
        try (JarFile jar = jarConnection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith(DEFAULT_LOCATION) && name.endsWith(SCHEMA_SUFFIX)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        files.put(name.substring(DEFAULT_LOCATION.length()), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return files;
    }

    private static Map<String, String> schemaFiles(Path folder) {
        Map<String, String> files = new HashMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(SCHEMA_SUFFIX)) {
                    String relative = folder.relativize(path).toString().replace('\\', '/');
                    files.put(relative, Files.readString(path, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schemas under " + folder, e);
        }
        return files;
    }

    /** The path relative to the working directory when it is under it, e.g. {@code schemas/catalog.yaml}. */
    private static String displayName(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path workingDirectory = Path.of("").toAbsolutePath().normalize();
        Path shown = absolute.startsWith(workingDirectory) ? workingDirectory.relativize(absolute) : absolute;
        return shown.toString().replace('\\', '/');
    }

    /** Where this catalog was loaded from, e.g. {@code schemas/catalog.yaml} or {@code classpath:enlace/schemas/catalog.yaml}. */
    public String source() {
        return source;
    }

    /** Every topic, in catalog order. */
    public List<TopicDefinition> topics() {
        return topics;
    }

    /** The topic with this exact name. */
    public Optional<TopicDefinition> topic(String name) {
        return topics.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Every institution, in catalog order. */
    public List<InstitutionDefinition> institutions() {
        return institutions;
    }

    /** The institution with this code, e.g. {@code renap}. */
    public Optional<InstitutionDefinition> institution(String code) {
        return institutions.stream().filter(i -> i.code().equals(code)).findFirst();
    }

    /** The topics owned by the institution with this code, in catalog order; empty for an unknown code. */
    public List<TopicDefinition> topicsOwnedBy(String code) {
        return topics.stream().filter(t -> t.owner().equals(code)).toList();
    }

    @Override
    public String toString() {
        return "TopicCatalog[" + source + ": " + institutions.size() + " institutions, " + topics.size() + " topics]";
    }
}
