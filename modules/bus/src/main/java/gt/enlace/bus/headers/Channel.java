package gt.enlace.bus.headers;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a record entered the bus, carried in the {@code ce_channel} header. The survey module counts
 * exchanges by channel to tell digital from semi-digital and manual exchange. The {@link #code()} is
 * stable public API.
 */
public enum Channel {

    /** Published by an agency system through the Java SDK. */
    SDK("sdk"),
    /** Posted to the HTTP gateway, e.g. from an agency web form. */
    GATEWAY("gateway"),
    /** A row of a spreadsheet uploaded to the CSV bridge. */
    CSV_BRIDGE("csv-bridge"),
    /** A manual exchange (paper, e-mail, USB) declared in the exchange log, not the data itself. */
    DECLARED_MANUAL("declared-manual");

    private final String code;

    Channel(String code) {
        this.code = code;
    }

    /** The header value, e.g. {@code csv-bridge}. */
    public String code() {
        return code;
    }

    /**
     * Finds a channel by its header value.
     *
     * @param code exact, lower case
     * @return the channel, empty when unknown or null
     */
    public static Optional<Channel> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
}
