package gt.enlace.schemas.catalog;

import java.nio.file.Path;

/**
 * Validates a catalog file from the command line or the build, printing one line per problem as
 * {@code <file>: <entry>: <reason>}.
 *
 * <p>The {@code enlace-schemas} build runs it in the {@code process-classes} phase on
 * {@code schemas/catalog.yaml}; it throws when the catalog has errors, which fails the build (it never calls
 * {@code System.exit}, because under {@code exec:java} that would end Maven itself).
 *
 * <pre>{@code java -cp enlace-schemas.jar:... gt.enlace.schemas.catalog.CatalogValidator schemas/catalog.yaml}</pre>
 */
public final class CatalogValidator {

    private CatalogValidator() {
    }

    /**
     * Validates the catalog at {@code args[0]} (default {@code schemas/catalog.yaml}).
     *
     * @throws CatalogException when the catalog has errors, after printing them to standard error
     */
    public static void main(String[] args) {
        Path path = Path.of(args.length > 0 ? args[0] : "schemas/catalog.yaml");
        try {
            TopicCatalog catalog = TopicCatalog.load(path);
            System.out.println("[enlace] " + catalog.source() + ": " + catalog.institutions().size()
                    + " institutions, " + catalog.topics().size() + " topics, all valid");
        } catch (CatalogException e) {
            System.err.println("[enlace] the topic catalog has " + e.problems().size() + " error(s):");
            e.problems().forEach(problem -> System.err.println("[enlace]   " + problem));
            throw e;
        }
    }
}
