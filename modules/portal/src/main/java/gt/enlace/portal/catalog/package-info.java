/**
 * The data catalog: every topic of the bus with its owner, description, classification, legal basis, retention,
 * schema as a field table, version history (with {@link gt.enlace.schemas.diff.SchemaDiff}), an example record,
 * record counts and subscribers; search by institution, by field (which topics carry a CUI? a NIT?) and by text;
 * and the request-access form that starts a data-sharing agreement. Pages under {@code /catalog}, JSON under
 * {@code /api/v1/catalog}; texts in {@code portal/i18n/catalog*.properties}. It reads the catalog, the registry,
 * the cluster and the delivery status and owns no business rule.
 */
package gt.enlace.portal.catalog;
