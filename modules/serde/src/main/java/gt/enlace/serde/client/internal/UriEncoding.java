package gt.enlace.serde.client.internal;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of path segments and query values. */
public final class UriEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {
    }

    /**
     * Encodes like JavaScript's {@code encodeURIComponent} (what Confluent's JS client does to
     * subjects): UTF-8 bytes, everything except {@code A-Z a-z 0-9 - _ . ! ~ * ' ( )} percent-encoded.
     * Unlike {@link java.net.URLEncoder}, a space becomes {@code %20}, never {@code +}.
     *
     * @param value e.g. a subject
     * @return the encoded value
     */
    public static String encodeUriComponent(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '!' || c == '~' || c == '*' || c == '\'' || c == '(' || c == ')') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
