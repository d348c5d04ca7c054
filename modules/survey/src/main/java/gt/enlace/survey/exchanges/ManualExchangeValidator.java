package gt.enlace.survey.exchanges;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import gt.enlace.survey.ExchangeDirection;
import gt.enlace.survey.ExchangeMedium;
import gt.enlace.survey.FieldError;
import gt.enlace.survey.SurveyError;

/**
 * Checks a manual-exchange declaration as people submit it (text fields). Reports every problem with the field
 * name as its path: {@code institution}, {@code counterpart}, {@code direction}, {@code records}, {@code medium},
 * {@code date}, {@code description}.
 */
public final class ManualExchangeValidator {

    /** Longest description. */
    public static final int MAX_DESCRIPTION_LENGTH = 500;

    /** Most records one declaration may count. */
    public static final int MAX_RECORDS = 10_000_000;

    /** The zone whose calendar dates the declarations: Guatemala's. */
    public static final ZoneId GUATEMALA = ZoneId.of("America/Guatemala");

    private final Set<String> institutions;
    private final Clock clock;

    /**
     * @param institutions codes of the institutions that may declare and be counterparts
     * @param clock        decides "today": a date after today in Guatemala is rejected
     */
    public ManualExchangeValidator(Set<String> institutions, Clock clock) {
        this.institutions = Set.copyOf(institutions);
        this.clock = clock;
    }

    /**
     * The outcome: the declaration when valid, else the errors.
     *
     * @param exchange the declaration, or null
     * @param errors   every problem found
     */
    public record Validation(ManualExchange exchange, List<FieldError> errors) {

        /** Whether the declaration is valid. */
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * Validates a declaration.
     *
     * @param direction {@code sent} (the default when null or blank) or {@code received}
     * @param records   a whole number as text or a number
     * @param medium    {@code paper}, {@code email}, {@code spreadsheet}, {@code usb} or {@code other}
     * @param date      ISO date {@code 2026-11-23}, not in the future
     */
    public Validation validate(String institution, String counterpart, String direction, Object records, String medium,
                               String date, String description) {
        List<FieldError> errors = new ArrayList<>();
        String from = institution(institution, "institution", errors);
        String to = institution(counterpart, "counterpart", errors);
        if (from != null && from.equals(to)) {
            errors.add(new FieldError("counterpart", SurveyError.INVALID_FIELD,
                    "the counterpart must be another institution than '" + from + "'"));
            to = null;
        }
        ExchangeDirection dir = ExchangeDirection.SENT;
        if (direction != null && !direction.isBlank()) {
            try {
                dir = ExchangeDirection.valueOf(direction.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("direction", SurveyError.OUT_OF_RANGE, "'" + direction
                        + "' is not sent or received"));
            }
        }
        Integer count = null;
        if (records == null || records.toString().isBlank()) {
            errors.add(new FieldError("records", SurveyError.INVALID_FIELD, "the number of records is required"));
        } else {
            try {
                long n = records instanceof Number number && !(records instanceof Double || records instanceof Float)
                        ? number.longValue() : Long.parseLong(records.toString().strip());
                if (n < 1 || n > MAX_RECORDS) {
                    errors.add(new FieldError("records", SurveyError.OUT_OF_RANGE, n + " is out of range; expected 1 to "
                            + MAX_RECORDS));
                } else {
                    count = (int) n;
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("records", SurveyError.INVALID_VALUE, "'" + records + "' is not a whole number"));
            }
        }
        ExchangeMedium how = null;
        if (medium == null || medium.isBlank()) {
            errors.add(new FieldError("medium", SurveyError.INVALID_FIELD, "the medium is required: one of "
                    + mediumCodes()));
        } else {
            String code = medium.strip().toUpperCase(Locale.ROOT).replace("E-MAIL", "EMAIL");
            how = Arrays.stream(ExchangeMedium.values()).filter(m -> m.name().equals(code)).findFirst().orElse(null);
            if (how == null) {
                errors.add(new FieldError("medium", SurveyError.OUT_OF_RANGE, "'" + medium + "' is not one of "
                        + mediumCodes()));
            }
        }
        LocalDate day = null;
        if (date == null || date.isBlank()) {
            errors.add(new FieldError("date", SurveyError.INVALID_FIELD, "the date is required, e.g. 2026-11-23"));
        } else {
            try {
                day = LocalDate.parse(date.strip());
                if (day.isAfter(LocalDate.now(clock.withZone(GUATEMALA)))) {
                    errors.add(new FieldError("date", SurveyError.OUT_OF_RANGE, date + " is in the future"));
                    day = null;
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("date", SurveyError.INVALID_VALUE, "'" + date
                        + "' is not an ISO date such as 2026-11-23"));
            }
        }
        String text = description == null || description.isBlank() ? null : description.strip();
        if (text != null && text.length() > MAX_DESCRIPTION_LENGTH) {
            errors.add(new FieldError("description", SurveyError.INVALID_FIELD, "the description has " + text.length()
                    + " characters; at most " + MAX_DESCRIPTION_LENGTH + " are allowed"));
        }
        if (!errors.isEmpty()) {
            return new Validation(null, List.copyOf(errors));
        }
        return new Validation(new ManualExchange(from, to, dir, count, how, day, text), List.of());
    }

    private String institution(String value, String field, List<FieldError> errors) {
        String code = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (code.isEmpty()) {
            errors.add(new FieldError(field, SurveyError.INVALID_FIELD, "the " + field + " code is required"));
            return null;
        }
        if (!institutions.contains(code)) {
            errors.add(new FieldError(field, SurveyError.UNKNOWN_INSTITUTION, "'" + code
                    + "' is not an institution of the catalog"));
            return null;
        }
        return code;
    }

    private static String mediumCodes() {
        return Arrays.stream(ExchangeMedium.values()).map(m -> m.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
