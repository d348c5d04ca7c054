package gt.enlace.survey.responses;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response that passed {@link ResponseValidator}: ready to publish.
 *
 * @param institution       catalog code
 * @param round             round id
 * @param instrumentVersion version of the instrument it answers
 * @param answers           canonical answers by item id, in the instrument's order; unanswered items absent
 * @param respondent        who answered, or null
 */
public record ValidatedResponse(String institution, String round, int instrumentVersion, Map<String, String> answers,
                                String respondent) {

    public ValidatedResponse {
        answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    }
}
