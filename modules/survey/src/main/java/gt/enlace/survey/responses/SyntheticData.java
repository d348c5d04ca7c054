package gt.enlace.survey.responses;

import java.util.Collection;
import java.util.Locale;

/**
 * How a synthetic response (demo or pilot data made up by a generator, not answered by a person) is recognised:
 * its respondent names it as such, e.g. {@value #RESPONDENT} or any respondent containing "synthetic" or
 * "sintético" — as the synthetic pilot's ({@code gt.enlace.survey.pilot.SyntheticPilot#RESPONDENT}, "Sintético —
 * demostración") does. Pages that show a synthetic response say so.
 */
public final class SyntheticData {

    /** The respondent generators should write. */
    public static final String RESPONDENT = "Datos sintéticos (synthetic)";

    private SyntheticData() {
    }

    /** Whether the response was made up by a generator. */
    public static boolean isSynthetic(StoredResponse response) {
        String who = response.respondent() == null ? "" : response.respondent().toLowerCase(Locale.ROOT);
        return who.contains("synthetic") || who.contains("sintétic") || who.contains("sintetic");
    }

    /** Whether any of the responses was made up by a generator. */
    public static boolean anySynthetic(Collection<StoredResponse> responses) {
        return responses.stream().anyMatch(SyntheticData::isSynthetic);
    }
}
