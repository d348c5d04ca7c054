package gt.enlace.platform.security;

/** Credentials missing, unreadable or unusable; the message names the principal and the file. */
public class CredentialException extends RuntimeException {

    /** @param message what is wrong and how to fix it */
    public CredentialException(String message) {
        super(message, null, false, false);
    }

    /** @param message what is wrong; @param cause the I/O failure */
    public CredentialException(String message, Throwable cause) {
        super(message, cause);
    }
}
