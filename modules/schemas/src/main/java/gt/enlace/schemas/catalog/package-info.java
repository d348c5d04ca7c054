/**
 * The topic catalog: which topics exist on the bus, which Avro schema each one carries, which
 * institution owns it and under which rules (classification, legal basis, partitions, retention,
 * cleanup policy, schema compatibility).
 *
 * <p>The catalog is one file, {@code schemas/catalog.yaml}, next to the {@code .avsc} contracts; both are
 * bundled in this module's jar under {@code enlace/schemas/}. {@link gt.enlace.schemas.catalog.TopicCatalog}
 * loads and validates it, collecting every error into one
 * {@link gt.enlace.schemas.catalog.CatalogException}; {@link gt.enlace.schemas.catalog.CatalogValidator}
 * runs that validation during the build so that a broken catalog never ships.
 */
package gt.enlace.schemas.catalog;
