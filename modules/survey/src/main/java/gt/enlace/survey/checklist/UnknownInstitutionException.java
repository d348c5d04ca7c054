package gt.enlace.survey.checklist;

/** The catalog has no institution with the code asked for. */
public class UnknownInstitutionException extends RuntimeException {

    private final String code;

    /** @param code the code asked for */
    public UnknownInstitutionException(String code) {
        super("unknown institution '" + code + "': not in the topic catalog");
        this.code = code;
    }

    /** The code asked for. */
    public String code() {
        return code;
    }
}
