/**
 * Record validation before publishing: the topic's schema, identifiers (CUI, NIT) marked by the schema property
 * {@code gt.enlace.identifier}, department/municipality pairs. Violations are collected as a list of
 * {@link gt.enlace.publisher.validation.Violation} (JSON path, stable code, message). Plain Java.
 */
package gt.enlace.publisher.validation;
