package gt.enlace.bus.signing;

/** A key file or key listing that cannot be read: the message names the file and what is wrong with it. */
public final class InvalidKeyFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message names the file and the reason */
    public InvalidKeyFileException(String message) {
        super(message);
    }

    /** @param message names the file and the reason; @param cause the I/O failure */
    public InvalidKeyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
