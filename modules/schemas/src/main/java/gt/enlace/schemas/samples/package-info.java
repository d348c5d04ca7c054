/**
 * Realistic, valid sample records for every topic of the catalog, for demos, documentation and tests.
 * Identifiers are computed with the real CUI and NIT check-digit rules, so the samples pass the
 * validation that the bus applies at the edge.
 */
package gt.enlace.schemas.samples;
