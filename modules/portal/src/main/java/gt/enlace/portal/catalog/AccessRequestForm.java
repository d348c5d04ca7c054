package gt.enlace.portal.catalog;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;

/**
 * What the request-access form sends, as typed; {@link #validate} names each field at fault, and the page shows
 * the form again with what was typed.
 */
public final class AccessRequestForm {

    /** Shortest purpose accepted: a purpose of a word or two tells the provider nothing. */
    public static final int PURPOSE_MIN = 10;
    /** Longest purpose accepted. */
    public static final int PURPOSE_MAX = 1000;
    /** Shortest legal basis accepted. */
    public static final int LEGAL_BASIS_MIN = 3;
    /** Longest legal basis accepted. */
    public static final int LEGAL_BASIS_MAX = 300;
    /** Longest validity a request may ask for, in years from today. */
    public static final int MAX_YEARS = 5;

    private String requester = "";
    private String purpose = "";
    private String legalBasis = "";
    private String validUntil = "";

    /**
     * A field at fault.
     *
     * @param field  the form field: {@code requester}, {@code purpose}, {@code legalBasis} or {@code validUntil}
     * @param reason the reason's key under {@code catalog.access.error.}, e.g. {@code required}
     * @param text   the reason in English, for logs and the API
     */
    public record Problem(String field, String reason, String text) {
    }

    /** @return the requesting institution's code */
    public String getRequester() {
        return requester;
    }

    /** @param requester the requesting institution's code */
    public void setRequester(String requester) {
        this.requester = requester == null ? "" : requester;
    }

    /** @return the purpose as typed */
    public String getPurpose() {
        return purpose;
    }

    /** @param purpose the purpose as typed */
    public void setPurpose(String purpose) {
        this.purpose = purpose == null ? "" : purpose;
    }

    /** @return the legal basis as typed */
    public String getLegalBasis() {
        return legalBasis;
    }

    /** @param legalBasis the legal basis as typed */
    public void setLegalBasis(String legalBasis) {
        this.legalBasis = legalBasis == null ? "" : legalBasis;
    }

    /** @return the last day of access, {@code yyyy-MM-dd}, as typed */
    public String getValidUntil() {
        return validUntil;
    }

    /** @param validUntil the last day of access, {@code yyyy-MM-dd} */
    public void setValidUntil(String validUntil) {
        this.validUntil = validUntil == null ? "" : validUntil;
    }

    /**
     * Checks every field and reports all problems at once.
     *
     * @param catalog the topic catalog (known institutions)
     * @param topic   the topic asked for
     * @param clock   today's date
     * @return the problems, empty when the form is valid
     */
    public List<Problem> validate(TopicCatalog catalog, TopicDefinition topic, Clock clock) {
        List<Problem> problems = new ArrayList<>();
        String code = requester.strip().toLowerCase(Locale.ROOT);
        if (code.isEmpty()) {
            problems.add(new Problem("requester", "required", "choose the requesting institution"));
        } else if (catalog.institution(code).isEmpty()) {
            problems.add(new Problem("requester", "unknownInstitution", "not an institution of the catalog"));
        } else if (code.equals(topic.owner())) {
            problems.add(new Problem("requester", "ownTopic", "the owner already reads its own topic"));
        }
        length(problems, "purpose", purpose, PURPOSE_MIN, PURPOSE_MAX);
        length(problems, "legalBasis", legalBasis, LEGAL_BASIS_MIN, LEGAL_BASIS_MAX);
        LocalDate today = LocalDate.now(clock);
        if (validUntil.isBlank()) {
            problems.add(new Problem("validUntil", "required", "give the last day of access"));
        } else {
            try {
                LocalDate until = LocalDate.parse(validUntil.strip());
                if (!until.isAfter(today)) {
                    problems.add(new Problem("validUntil", "notFuture", "must be after today"));
                } else if (until.isAfter(today.plusYears(MAX_YEARS))) {
                    problems.add(new Problem("validUntil", "tooFar", "at most " + MAX_YEARS + " years from today"));
                }
            } catch (DateTimeParseException e) {
                problems.add(new Problem("validUntil", "notADate", "not a date of the form yyyy-MM-dd"));
            }
        }
        return problems;
    }

    /**
     * The request this (valid) form describes.
     *
     * @param topic the topic asked for
     * @param clock the time it is recorded
     * @return a new pending request with a fresh id
     */
    public AccessRequest toRequest(TopicDefinition topic, Clock clock) {
        return new AccessRequest(UUID.randomUUID().toString(), topic.name(), topic.owner(),
            requester.strip().toLowerCase(Locale.ROOT), purpose.strip(), legalBasis.strip(),
            LocalDate.parse(validUntil.strip()), Instant.now(clock), AccessRequest.PENDING);
    }

    private static void length(List<Problem> problems, String field, String value, int min, int max) {
        int length = value.strip().length();
        if (length == 0) {
            problems.add(new Problem(field, "required", "required"));
        } else if (length < min) {
            problems.add(new Problem(field, "tooShort", "at least " + min + " characters"));
        } else if (length > max) {
            problems.add(new Problem(field, "tooLong", "at most " + max + " characters"));
        }
    }
}
