package gt.enlace.survey.responses;

import java.util.Optional;
import java.util.regex.Pattern;

/** Assessment round ids: lower-case kebab of at most {@value #MAX_LENGTH} characters, e.g. {@code 2025-baseline}. */
public final class RoundIds {

    /** Longest round id. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern ROUND = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private RoundIds() {
    }

    /** Why {@code round} is not a valid round id, or empty when it is. */
    public static Optional<String> invalidReason(String round) {
        if (round == null || round.isBlank()) {
            return Optional.of("the round is required, e.g. 2025-baseline");
        }
        if (round.length() > MAX_LENGTH) {
            return Optional.of("the round has " + round.length() + " characters; at most " + MAX_LENGTH + " are allowed");
        }
        if (!ROUND.matcher(round).matches()) {
            return Optional.of("'" + round + "' is not lower-case kebab (letters, digits and single hyphens), "
                    + "e.g. 2025-baseline");
        }
        return Optional.empty();
    }
}
