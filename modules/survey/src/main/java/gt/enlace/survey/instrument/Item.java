package gt.enlace.survey.instrument;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import gt.enlace.survey.SurveyError;

/**
 * One question of the instrument.
 *
 * @param id        {@code <dimension>.<name>}, stable forever, e.g. {@code std.guidelines}
 * @param dimension the id of its dimension
 * @param type      the kind of answer
 * @param required  whether a response must answer it
 * @param weight    relative weight in the dimension's score; 0 for an item that is asked but not scored
 * @param reverse   yes/no items only: whether {@code yes} is the less mature answer
 * @param text      the question
 * @param scale     Likert items only: the anchors of 0 to 4
 * @param options   choice items only: the options in display order
 */
public record Item(String id, String dimension, ItemType type, boolean required, double weight, boolean reverse,
                   LocalizedText text, List<LocalizedText> scale, List<ChoiceOption> options) {

    /** Highest Likert value. */
    public static final int LIKERT_MAX = 4;

    /** Separator of the codes of a multiple-choice answer in canonical text. */
    public static final String CHOICE_SEPARATOR = "|";

    public Item {
        scale = List.copyOf(scale);
        options = List.copyOf(options);
    }

    /**
     * The outcome of reading one raw answer.
     *
     * @param canonical the answer in canonical text ({@code 3}, {@code yes}, {@code csv|json}); empty when the
     *                  raw value was blank, i.e. the item is unanswered; null when there is an error
     * @param error     the kind of problem, or null
     * @param message   what is wrong and what is expected, or null
     */
    public record Reading(Optional<String> canonical, SurveyError error, String message) {

        static Reading ok(String canonical) {
            return new Reading(Optional.of(canonical), null, null);
        }

        static Reading blank() {
            return new Reading(Optional.empty(), null, null);
        }

        static Reading problem(SurveyError error, String message) {
            return new Reading(null, error, message);
        }

        /** Whether the raw value was acceptable (answered or blank). */
        public boolean valid() {
            return error == null;
        }
    }

    /**
     * Reads a raw answer as people write it in a CSV cell or a form field: Likert {@code 0}–{@code 4};
     * yes/no as {@code yes}, {@code no}, {@code sí}, {@code si}, {@code true}, {@code false} (any case);
     * choices as option codes (any case), several separated by {@code |} for a multiple choice. Surrounding
     * blanks are ignored; a blank value means unanswered.
     */
    public Reading read(String raw) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            return Reading.blank();
        }
        return switch (type) {
            case LIKERT -> readLikert(value);
            case YES_NO -> readYesNo(value);
            case SINGLE_CHOICE, MULTIPLE_CHOICE -> readChoice(value);
        };
    }

    /** The option with {@code code}, if any. */
    public Optional<ChoiceOption> option(String code) {
        return options.stream().filter(o -> o.code().equals(code)).findFirst();
    }

    /**
     * The score 0–100 of a canonical answer (see docs/maturity.md): Likert {@code 25 × value}; yes 100 and no 0
     * (the other way round for a {@link #reverse()} item); a single choice its option's score; a multiple
     * choice the mean of its options' scores.
     *
     * @throws IllegalArgumentException for a value {@link #read} would not return
     */
    public double score(String canonical) {
        return switch (type) {
            case LIKERT -> 25.0 * Integer.parseInt(canonical);
            case YES_NO -> ("yes".equals(canonical)) != reverse ? 100 : 0;
            case SINGLE_CHOICE, MULTIPLE_CHOICE -> codes(canonical).stream()
                    .mapToInt(code -> option(code).orElseThrow(() -> new IllegalArgumentException(
                            "item " + id + " has no option '" + code + "'")).score())
                    .average().orElseThrow();
        };
    }

    /** The option codes of a canonical choice answer. */
    public static List<String> codes(String canonical) {
        List<String> codes = new ArrayList<>();
        for (String part : canonical.split("\\|", -1)) {
            if (!part.isBlank()) {
                codes.add(part.strip());
            }
        }
        return codes;
    }

    private Reading readLikert(String value) {
        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return Reading.problem(SurveyError.INVALID_VALUE, "'" + abbreviate(value) + "' is not a whole number; "
                    + "expected 0 to " + LIKERT_MAX);
        }
        if (number < 0 || number > LIKERT_MAX) {
            return Reading.problem(SurveyError.OUT_OF_RANGE, number + " is out of range; expected 0 to " + LIKERT_MAX);
        }
        return Reading.ok(String.valueOf(number));
    }

    private static Reading readYesNo(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "yes", "sí", "si", "true" -> Reading.ok("yes");
            case "no", "false" -> Reading.ok("no");
            default -> Reading.problem(SurveyError.INVALID_VALUE, "'" + abbreviate(value) + "' is not yes or no (sí/no)");
        };
    }

    private Reading readChoice(String value) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String part : value.split("\\|", -1)) {
            String code = part.strip().toLowerCase(Locale.ROOT);
            if (code.isEmpty()) {
                continue;
            }
            if (option(code).isEmpty()) {
                return Reading.problem(SurveyError.OUT_OF_RANGE, "'" + abbreviate(part.strip()) + "' is not an option; "
                        + "expected " + (type == ItemType.MULTIPLE_CHOICE ? "one or more of " : "one of ")
                        + options.stream().map(ChoiceOption::code).collect(Collectors.joining(", "))
                        + (type == ItemType.MULTIPLE_CHOICE ? " separated by |" : ""));
            }
            chosen.add(code);
        }
        if (chosen.isEmpty()) {
            return Reading.blank();
        }
        if (type == ItemType.SINGLE_CHOICE && chosen.size() > 1) {
            return Reading.problem(SurveyError.INVALID_VALUE, "a single choice takes one option, got " + chosen.size()
                    + ": " + String.join(", ", chosen));
        }
        if (chosen.size() > 1) {
            for (String code : chosen) {
                if (option(code).orElseThrow().exclusive()) {
                    return Reading.problem(SurveyError.INVALID_VALUE, "'" + code + "' cannot be chosen together with "
                            + "other options");
                }
            }
        }
        // Canonical order is the instrument's, so that equal answers have equal text.
        List<String> ordered = options.stream().map(ChoiceOption::code).filter(chosen::contains).toList();
        return Reading.ok(String.join(CHOICE_SEPARATOR, ordered));
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
