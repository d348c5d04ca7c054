package gt.enlace.platform.cli.schemas;

import java.util.List;

import gt.enlace.serde.client.RestClientException;
import gt.enlace.serde.client.SchemaMetadata;
import gt.enlace.serde.client.SchemaRegistryClient;
import picocli.CommandLine;

/** Reads {@code latest} or a version number from the command line and fetches it, with messages that say what exists. */
final class VersionFetcher {

    /** The word for the latest version, as the registry's REST API spells it. */
    static final String LATEST = "latest";

    private VersionFetcher() {
    }

    /**
     * @param spec    the command, for usage errors
     * @param option  how the value was given, for messages (e.g. {@code --version} or {@code V1})
     * @param value   {@code latest} or a number of 1 or more
     * @return the number, or {@code null} for latest
     * @throws CommandLine.ParameterException when it is neither (exit code 2)
     */
    static Integer parse(CommandLine.Model.CommandSpec spec, String option, String value) {
        if (LATEST.equalsIgnoreCase(value)) {
            return null;
        }
        try {
            int version = Integer.parseInt(value);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CommandLine.ParameterException(spec.commandLine(),
            option + " must be 'latest' or a version number of 1 or more, got '" + value + "'");
    }

    /**
     * @param version a number, or {@code null} for the latest
     * @return that version of the subject
     * @throws IllegalStateException naming the subject's versions when the subject or version does not exist
     */
    static SchemaMetadata fetch(RegistryConnection connection, String subject, Integer version) {
        SchemaRegistryClient client = connection.client();
        try {
            return connection.call(() -> version == null ? client.getLatestVersion(subject) : client.getVersion(subject, version));
        } catch (RestClientException e) {
            if (e.errorCode() == RestClientException.SUBJECT_NOT_FOUND) {
                throw new IllegalStateException("subject '" + subject + "' is not registered at " + connection.displayUrl()
                    + " (see `enlace schemas list`)", e);
            }
            if (e.errorCode() == RestClientException.VERSION_NOT_FOUND) {
                List<Integer> versions = connection.call(() -> client.getAllVersions(subject));
                throw new IllegalStateException("subject '" + subject + "' has no version " + version + "; its versions are "
                    + versions, e);
            }
            throw new IllegalStateException("the schema registry at " + connection.displayUrl() + " answered: "
                + e.getMessage(), e);
        }
    }
}
