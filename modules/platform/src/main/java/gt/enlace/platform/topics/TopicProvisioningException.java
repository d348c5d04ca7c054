package gt.enlace.platform.topics;

/** The cluster refused or did not answer while the catalog's topics were being created. */
public class TopicProvisioningException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TopicProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
