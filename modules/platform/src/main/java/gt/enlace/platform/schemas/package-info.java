/**
 * Schema tooling that does not need a registry: {@link gt.enlace.platform.schemas.SchemaDiff} explains the
 * differences between two versions of an Avro schema, {@link gt.enlace.platform.schemas.SchemaFiles} parses a
 * folder of {@code .avsc} files whose types reference each other. The {@code enlace schemas} command uses both.
 */
package gt.enlace.platform.schemas;
