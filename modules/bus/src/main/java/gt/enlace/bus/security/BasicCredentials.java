package gt.enlace.bus.security;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The user and password of an {@code Authorization: Basic …} header (RFC 7617), parsed strictly: the scheme is
 * case-insensitive, the token must be valid Base64 of UTF-8 text of at most {@value #MAX_HEADER_CHARS} characters,
 * with a colon between user and password and no control characters in the user.
 *
 * @param user     the user, never empty
 * @param password the password, possibly empty
 */
public record BasicCredentials(String user, String password) {

    /** Longest {@code Authorization} header value accepted; anything longer is refused unread. */
    public static final int MAX_HEADER_CHARS = 1024;

    /** {@code password} is never shown. */
    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + "]";
    }

    /**
     * Parses an {@code Authorization} header value.
     *
     * @param header the value, e.g. {@code Basic cmVuYXA6c2VjcmV0}
     * @return the credentials
     * @throws MalformedCredentialsException saying what is wrong (never echoing the password)
     */
    public static BasicCredentials parse(String header) {
        if (header == null || header.isBlank()) {
            throw new MalformedCredentialsException("no Authorization header");
        }
        if (header.length() > MAX_HEADER_CHARS) {
            throw new MalformedCredentialsException("the Authorization header is " + header.length()
                + " characters long, more than the " + MAX_HEADER_CHARS + " accepted");
        }
        String value = header.strip();
        if (value.length() < 6 || !value.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new MalformedCredentialsException("the Authorization header does not use the Basic scheme");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value.substring(6).strip());
        } catch (IllegalArgumentException e) {
            throw new MalformedCredentialsException("the Basic credentials are not valid Base64");
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedCredentialsException("the Basic credentials are not UTF-8 text");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new MalformedCredentialsException("the Basic credentials have no ':' between user and password");
        }
        String user = decoded.substring(0, colon);
        if (user.isEmpty()) {
            throw new MalformedCredentialsException("the Basic credentials have an empty user");
        }
        for (int i = 0; i < user.length(); i++) {
            if (Character.isISOControl(user.charAt(i))) {
                throw new MalformedCredentialsException("the user of the Basic credentials contains a control character");
            }
        }
        return new BasicCredentials(user, decoded.substring(colon + 1));
    }

    /** Why an {@code Authorization} header could not be read. The message never contains the password. */
    public static final class MalformedCredentialsException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        /** @param reason what is wrong with the header */
        public MalformedCredentialsException(String reason) {
            super(reason);
        }
    }
}
