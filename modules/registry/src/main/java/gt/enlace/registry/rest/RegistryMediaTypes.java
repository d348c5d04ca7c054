package gt.enlace.registry.rest;

import java.util.List;

import org.springframework.http.MediaType;

/**
 * The media types of Confluent's REST API ({@code client/rest/Versions.java}). Responses default to
 * {@link #SCHEMA_REGISTRY_V1_JSON} (also for a missing or {@code *}{@code /*} {@code Accept});
 * requests may use any of the three JSON types, and {@code application/octet-stream} is read as JSON.
 */
public final class RegistryMediaTypes {

    /** {@code application/vnd.schemaregistry.v1+json}: the preferred type. */
    public static final MediaType SCHEMA_REGISTRY_V1_JSON = MediaType.parseMediaType("application/vnd.schemaregistry.v1+json");
    /** {@code application/vnd.schemaregistry+json}. */
    public static final MediaType SCHEMA_REGISTRY_DEFAULT_JSON = MediaType.parseMediaType("application/vnd.schemaregistry+json");
    /** Types responses are written in, most preferred first. */
    public static final List<MediaType> PRODUCED = List.of(SCHEMA_REGISTRY_V1_JSON, SCHEMA_REGISTRY_DEFAULT_JSON,
        MediaType.APPLICATION_JSON);
    /** Types request bodies are read from. */
    public static final List<MediaType> CONSUMED = List.of(SCHEMA_REGISTRY_V1_JSON, SCHEMA_REGISTRY_DEFAULT_JSON,
        MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM);

    private RegistryMediaTypes() {
    }
}
