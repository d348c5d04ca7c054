package gt.enlace.portal.onboarding;

/** A snippet was asked for a topic that is not in the catalog (or has no sample event). */
public class UnknownTopicException extends RuntimeException {

    /** @param topic the name asked for */
    public UnknownTopicException(String topic) {
        super("unknown topic '" + topic + "': not in the topic catalog");
    }
}
