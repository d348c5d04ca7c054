package gt.enlace.survey;

import java.util.Objects;

import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;

/**
 * The survey's topics, as listed in the catalog (owner {@code ocp}, the pilot's coordination office).
 *
 * <ul>
 *   <li>{@value #RESPONSES}: one {@code ResponseSubmitted} per submission, key {@code <institution>/<round>};
 *       cleanup {@code delete}, retention infinite: every submission is kept as history, and readers let
 *       the latest per key win (one key is one partition, so the order is the order of submission).</li>
 *   <li>{@value #MANUAL_EXCHANGES}: one {@code ManualExchangeDeclared} per declaration, key the declaring
 *       institution.</li>
 * </ul>
 */
public final class SurveyTopics {

    /** Survey responses. */
    public static final String RESPONSES = "gt.ocp.survey-response-submitted.v1";

    /** The manual exchange log. */
    public static final String MANUAL_EXCHANGES = "gt.ocp.manual-exchange-declared.v1";

    /** The institution that owns the survey topics: the pilot's coordination office. */
    public static final String OWNER = "ocp";

    private SurveyTopics() {
    }

    /** The key of a response: {@code <institution>/<round>}, e.g. {@code renap/2025-baseline}. */
    public static String responseKey(String institution, String round) {
        return Objects.requireNonNull(institution, "'institution' cannot be null") + "/"
                + Objects.requireNonNull(round, "'round' cannot be null");
    }

    /** Whether the topic is one of the survey's own (not exchange traffic between institutions). */
    public static boolean isSurveyTopic(String topic) {
        return RESPONSES.equals(topic) || MANUAL_EXCHANGES.equals(topic)
                || (RESPONSES + ".dlt").equals(topic) || (MANUAL_EXCHANGES + ".dlt").equals(topic);
    }

    /**
     * The catalog's definition of a survey topic.
     *
     * @throws IllegalStateException naming the topic when the catalog lacks it
     */
    public static TopicDefinition definition(TopicCatalog catalog, String topic) {
        return catalog.topics().stream().filter(t -> t.name().equals(topic)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the topic catalog " + catalog.source() + " has no topic '"
                        + topic + "', which the survey needs"));
    }
}
