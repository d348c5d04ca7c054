package gt.enlace.platform.governance;

/** The registry refused one or more of the catalog's schemas; the message lists each with its reason. */
public class CatalogRegistrationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CatalogRegistrationException(String message) {
        super(message);
    }
}
