package gt.enlace.registry.rest;

/**
 * A response body that is already JSON text and is written as is, e.g. the raw schema returned by
 * {@code GET /schemas/ids/{id}/schema}.
 */
public record RawJson(String json) {
}
