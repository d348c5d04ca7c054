package gt.enlace.registry.rest;

import java.io.IOException;
import java.util.Enumeration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import gt.enlace.registry.service.RegistryService;
import gt.enlace.registry.storage.SchemaRecord;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The fast path of the hottest read, {@code GET /schemas/ids/{id}} (every consumer's first look-up of a writer
 * schema): the answer a client gets from {@link SchemasController#byId} is kept as ready-made bytes per id (and
 * per id and subject for {@code ?subject=}), and written straight to the response, before Spring MVC's handler
 * mapping, content negotiation and Jackson run.
 *
 * <p>It answers only what it is sure of, byte for byte the same as the controller; everything else goes down the
 * chain unchanged:
 * <ul>
 *   <li>only {@code GET}, only a path that is {@code /schemas/ids/} followed by at most 9 ASCII digits (no
 *       encoding, no path parameters), only a query string of plain characters (no {@code %}, {@code +}) with at
 *       most one {@code subject} (the controller ignores the other parameters);</li>
 *   <li>the {@code Content-Type} is the one Spring MVC chose for the same {@code Accept} header the first time it
 *       answered it with a 200 on this path (a 406 is never remembered; content negotiation depends on nothing
 *       else), so the first request with a new {@code Accept} value always takes the full path;</li>
 *   <li>the bytes of an id are rebuilt whenever the record that answers it is another object than the one they
 *       were built from (a soft delete, a hard delete, a re-registration under another subject all replace
 *       records in {@code RegistryState}); an unknown id goes to the controller, which answers 40403.</li>
 * </ul>
 */
public final class SchemaByIdFilter implements Filter {

    /** The path prefix this filter is mapped to. */
    static final String PREFIX = "/schemas/ids/";
    /** At most this many distinct {@code Accept} values are remembered (the rest take the full path). */
    static final int MAX_ACCEPT_VALUES = 64;

    private static final String NO_ACCEPT = "\u0000";
    /** {@link #subject} when the query string is not one this filter parses with certainty. */
    private static final String UNSURE = new String("\u0000unsure");

    private final Supplier<RegistryService> registrySupplier;
    private volatile RegistryService registry;
    /** {@code Accept} header value ({@link #NO_ACCEPT} when absent) → the {@code Content-Type} MVC answered with. */
    private final ConcurrentHashMap<String, String> contentTypes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Answer> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<SubjectKey, Answer> byIdInSubject = new ConcurrentHashMap<>();

    /** The bytes of {@code Bodies.schemaString(record, inSubject)}. */
    private record Answer(SchemaRecord record, SchemaRecord inSubject, byte[] body) {
    }

    private record SubjectKey(int id, String subject) {
    }

    /**
     * @param registry the service, looked up on the first request: the filter is made while Tomcat starts, before
     *                 the registry has read its topic, and must not move that work into Tomcat's start-up
     */
    public SchemaByIdFilter(Supplier<RegistryService> registry) {
        this.registrySupplier = registry;
    }

    private RegistryService registry() {
        RegistryService service = registry;
        if (service == null) {
            service = registrySupplier.get();
            registry = service;
        }
        return service;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
            || !"GET".equals(request.getMethod())) {
            chain.doFilter(req, res);
            return;
        }
        int id = id(request.getRequestURI());
        String accept = id < 0 ? null : accept(request);
        if (accept == null) {
            chain.doFilter(request, response);
            return;
        }
        String contentType = contentTypes.get(accept);
        String subject = contentType == null ? UNSURE : subject(request.getQueryString());
        byte[] body = subject == UNSURE ? null : body(id, subject);
        if (body == null) {
            chain.doFilter(request, response);
            if (contentType == null && response.getStatus() == HttpServletResponse.SC_OK
                && contentTypes.size() < MAX_ACCEPT_VALUES) {
                String answered = response.getContentType();
                if (answered != null) {
                    contentTypes.putIfAbsent(accept, answered);
                }
            }
            return;
        }
        response.setContentType(contentType);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The id of a {@code /schemas/ids/<digits>} request URI, or -1 for any other URI. */
    static int id(String uri) {
        int length = uri.length();
        int digits = length - PREFIX.length();
        if (digits < 1 || digits > 9 || !uri.startsWith(PREFIX)) {
            return -1;
        }
        int id = 0;
        for (int i = PREFIX.length(); i < length; i++) {
            char c = uri.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            id = id * 10 + (c - '0');
        }
        return id;
    }

    /** The request's one {@code Accept} value ({@link #NO_ACCEPT} when none), or null when it has several. */
    private static String accept(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders("Accept");
        if (values == null || !values.hasMoreElements()) {
            return NO_ACCEPT;
        }
        String value = values.nextElement();
        return values.hasMoreElements() || value == null ? null : value;
    }

    /**
     * The {@code subject} parameter as the controller sees it: null when absent or empty, {@link #UNSURE} when the
     * query string has characters that need decoding or {@code subject} more than once.
     */
    static String subject(String query) {
        if (query == null) {
            return null;
        }
        String subject = null;
        int count = 0;
        int start = 0;
        int length = query.length();
        for (int i = 0; i < length; i++) {
            char c = query.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                || c == '_' || c == '~' || c == '=' || c == '&')) {
                return UNSURE;
            }
        }
        while (start <= length) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            int eq = query.indexOf('=', start);
            int nameEnd = eq >= 0 && eq < end ? eq : end;
            if (nameEnd - start == "subject".length() && query.startsWith("subject", start)) {
                count++;
                subject = nameEnd < end ? query.substring(nameEnd + 1, end) : "";
            }
            start = end + 1;
        }
        if (count > 1) {
            return UNSURE;
        }
        return subject == null || subject.isEmpty() ? null : subject;
    }

    /** The answer's bytes, built once per record; null when no version holds {@code id}. */
    private byte[] body(int id, String subject) {
        RegistryService registry = registry();
        SchemaRecord record = registry.findSchemaById(id);
        if (record == null) {
            byId.remove(id);
            return null;
        }
        SchemaRecord inSubject = subject == null ? null : registry.schemaByIdInSubject(id, subject).orElse(null);
        if (inSubject == null) {
            if (subject != null) {
                byIdInSubject.remove(new SubjectKey(id, subject));
            }
            Answer answer = byId.get(id);
            if (answer == null || answer.record() != record) {
                answer = new Answer(record, null, serialize(record, null));
                byId.put(id, answer);
            }
            return answer.body();
        }
        SubjectKey key = new SubjectKey(id, subject);
        Answer answer = byIdInSubject.get(key);
        if (answer == null || answer.record() != record || answer.inSubject() != inSubject) {
            answer = new Answer(record, inSubject, serialize(record, inSubject));
            byIdInSubject.put(key, answer);
        }
        return answer.body();
    }

    /** Exactly what {@link RegistryJsonConverter} writes for the controller's answer. */
    private static byte[] serialize(SchemaRecord record, SchemaRecord inSubject) {
        return RegistryJsonConverter.JSON.writeValueAsBytes(Bodies.schemaString(record, inSubject));
    }
}
