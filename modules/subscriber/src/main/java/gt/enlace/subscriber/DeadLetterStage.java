package gt.enlace.subscriber;

import gt.enlace.bus.signing.SignatureVerificationException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a record failed, written to the {@link DeadLetterHeaders#STAGE} header of its dead letter.
 */
public enum DeadLetterStage {

    /**
     * The record could not be turned into what the handler takes: bytes that are not Confluent wire
     * format, a schema id the registry does not know, a value of another type than the listener's,
     * or event headers that do not parse. Never retried: it would fail the same way again.
     */
    DESERIALIZE,

    /** The handler threw; the record was retried with back-off first (unless the exception is not retryable). */
    HANDLE,

    /**
     * Signature verification is on and the record's {@code ce_signature} is missing or does not verify
     * ({@link SignatureVerificationException}; the reason header starts with its {@code SIGNATURE_*} code).
     * Never retried and never handed to the handler.
     */
    VERIFY;

    /** Exceptions, by class name so that plain-Java users need no Spring, that mean {@link #DESERIALIZE}. */
    private static final Set<String> DESERIALIZE_FAILURES = Set.of(
        "org.springframework.kafka.support.serializer.DeserializationException",
        "org.apache.kafka.common.errors.SerializationException",
        "org.apache.kafka.common.errors.RecordDeserializationException",
        "org.springframework.messaging.converter.MessageConversionException",
        "org.springframework.core.convert.ConversionException",
        "org.springframework.messaging.handler.invocation.MethodArgumentResolutionException",
        "java.lang.ClassCastException",
        "gt.enlace.bus.headers.InvalidHeadersException");

    /** The header value: {@code deserialize}, {@code handle} or {@code verify}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The stage an exception stands for: {@link #VERIFY} when it or a cause is a signature failure, {@link #DESERIALIZE} when it or any of its causes is a
     * deserialisation, conversion or header failure, else {@link #HANDLE}.
     *
     * @param failure what the listener container or subscriber loop caught
     * @return the stage
     */
    public static DeadLetterStage of(Throwable failure) {
        if (signatureFailure(failure) != null) {
            return VERIFY;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
                if (DESERIALIZE_FAILURES.contains(c.getName())) {
                    return DESERIALIZE;
                }
            }
        }
        return HANDLE;
    }

    /** The signature failure in an exception's cause chain, or null. */
    static SignatureVerificationException signatureFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SignatureVerificationException s) {
                return s;
            }
        }
        return null;
    }

    /**
     * Parses a header value.
     *
     * @param code {@code deserialize} or {@code handle}, any case
     * @return the stage, empty for anything else
     */
    public static Optional<DeadLetterStage> fromCode(String code) {
        for (DeadLetterStage stage : values()) {
            if (stage.code().equalsIgnoreCase(code)) {
                return Optional.of(stage);
            }
        }
        return Optional.empty();
    }
}
