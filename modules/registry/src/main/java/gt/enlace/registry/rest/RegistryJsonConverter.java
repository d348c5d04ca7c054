package gt.enlace.registry.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * The registry's only JSON converter: reads request bodies into a {@link JsonNode} from any of
 * {@link RegistryMediaTypes#CONSUMED} (so {@code application/octet-stream} is JSON too), and writes any response
 * object with Jackson in one of {@link RegistryMediaTypes#PRODUCED}, {@link RawJson} verbatim. Registered first,
 * so Spring's content negotiation picks {@code application/vnd.schemaregistry.v1+json} unless the client asks
 * for another of the three.
 */
public final class RegistryJsonConverter extends AbstractHttpMessageConverter<Object> {

    static final JsonMapper JSON = JsonMapper.builder().build();

    public RegistryJsonConverter() {
        super(RegistryMediaTypes.CONSUMED.toArray(MediaType[]::new));
    }

    @Override
    protected boolean supports(Class<?> clazz) {
        return true;
    }

    @Override
    public boolean canRead(Class<?> clazz, MediaType mediaType) {
        return JsonNode.class.isAssignableFrom(clazz) && canRead(mediaType);
    }

    @Override
    public boolean canWrite(Class<?> clazz, MediaType mediaType) {
        if (clazz == String.class || clazz == byte[].class) {
            return false;
        }
        if (mediaType == null || MediaType.ALL.equalsTypeAndSubtype(mediaType)) {
            return true;
        }
        for (MediaType produced : RegistryMediaTypes.PRODUCED) {
            if (produced.isCompatibleWith(mediaType)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<MediaType> getSupportedMediaTypes(Class<?> clazz) {
        return JsonNode.class.isAssignableFrom(clazz) ? RegistryMediaTypes.CONSUMED : RegistryMediaTypes.PRODUCED;
    }

    @Override
    protected Object readInternal(Class<?> clazz, HttpInputMessage inputMessage) throws IOException {
        try (InputStream body = inputMessage.getBody()) {
            byte[] bytes = body.readAllBytes();
            if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
                return NullNode.getInstance();
            }
            JsonNode node = JSON.readTree(bytes);
            return node == null || node.isMissingNode() ? NullNode.getInstance() : node;
        } catch (JacksonException e) {
            throw new HttpMessageNotReadableException(e.getOriginalMessage(), e, inputMessage);
        }
    }

    @Override
    protected void writeInternal(Object value, HttpOutputMessage outputMessage) throws IOException {
        byte[] bytes = value instanceof RawJson raw ? raw.json().getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(value);
        outputMessage.getBody().write(bytes);
    }

    @Override
    protected Long getContentLength(Object value, MediaType contentType) {
        return null;
    }
}
