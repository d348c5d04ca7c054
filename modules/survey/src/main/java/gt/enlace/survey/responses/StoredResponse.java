package gt.enlace.survey.responses;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response as read back from the bus.
 *
 * @param institution       catalog code
 * @param round             round id
 * @param instrumentVersion instrument it answers
 * @param answers           canonical answers by item id
 * @param respondent        who answered, or null
 * @param origin            how it arrived, e.g. {@code CSV_IMPORT}
 * @param submittedAt       the record's timestamp
 * @param eventId           its {@code ce_id}, or null when the headers did not carry one
 * @param partition         partition
 * @param offset            offset
 */
public record StoredResponse(String institution, String round, int instrumentVersion, Map<String, String> answers,
                             String respondent, String origin, Instant submittedAt, String eventId, int partition,
                             long offset) {

    public StoredResponse {
        answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    }
}
