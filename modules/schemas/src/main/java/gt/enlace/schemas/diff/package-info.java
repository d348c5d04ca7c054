/**
 * Schema tooling that needs no registry and no cluster: {@link gt.enlace.schemas.diff.SchemaDiff} explains the
 * differences between two versions of an Avro schema (the {@code enlace schemas diff} command and the portal's
 * version history use it), {@link gt.enlace.schemas.diff.SchemaFiles} parses a folder of {@code .avsc} files whose
 * types reference each other (the {@code enlace schemas check} command).
 */
package gt.enlace.schemas.diff;
