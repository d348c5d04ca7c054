package gt.enlace.platform.cli.schemas;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options every {@code enlace schemas} subcommand shares: where the registry is and how to log in to it.
 * Credentials come from {@code --user} with {@code --password} or {@code --password-file} (else, as for every
 * command that logs in to a secure bus, {@code ENLACE_PASSWORD} or {@code ./data/credentials/USER.password}),
 * {@code --basic-auth USER:PASSWORD}, or the registry URL's user info ({@code http://user:password@host:8081}), in
 * that order.
 */
public final class RegistryOptions {

    /** Default of {@code --registry-url}: the registry {@code ./enlace up} starts. */
    public static final String DEFAULT_REGISTRY_URL = "http://127.0.0.1:8081";

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--registry-url", paramLabel = "URL[,URL...]",
        description = "Schema registry to ask; several comma-separated URLs fail over (default: ${DEFAULT-VALUE}).")
    String registryUrl = DEFAULT_REGISTRY_URL;

    @Option(names = "--user", paramLabel = "USER", description = "User for HTTP Basic auth (with --password).")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "Password for HTTP Basic auth (with --user).")
    String password;

    @Option(names = "--password-file", paramLabel = "FILE",
        description = "File holding the password of --user (default: ENLACE_PASSWORD, else ./data/credentials/USER.password).")
    java.nio.file.Path passwordFile;

    @Option(names = "--basic-auth", paramLabel = "USER:PASSWORD", description = "HTTP Basic auth credentials in one option.")
    String basicAuth;

    /**
     * Validates the options and opens a connection.
     *
     * @return the connection; close it when done
     * @throws CommandLine.ParameterException for inconsistent options (exit code 2)
     */
    public RegistryConnection connect() {
        List<URI> urls = new ArrayList<>();
        String urlUserInfo = null;
        for (String url : registryUrl.split(",")) {
            String trimmed = url.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = new URI(trimmed);
            } catch (URISyntaxException e) {
                throw usage("--registry-url: '" + trimmed + "' is not a URL: " + e.getReason());
            }
            if (uri.getScheme() == null || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                throw usage("--registry-url: '" + trimmed + "' is not an http(s)://host[:port] URL");
            }
            if (uri.getRawUserInfo() != null && urlUserInfo == null) {
                urlUserInfo = URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8);
            }
            try {
                urls.add(new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null));
            } catch (URISyntaxException e) {
                throw usage("--registry-url: '" + trimmed + "' is not a URL: " + e.getReason());
            }
        }
        if (urls.isEmpty()) {
            throw usage("--registry-url needs at least one URL");
        }
        return new RegistryConnection(urls, credentials(urlUserInfo));
    }

    /** {@code user:password}, or null for no authentication. */
    private String credentials(String urlUserInfo) {
        if (basicAuth != null && (user != null || password != null)) {
            throw usage("Use either --basic-auth USER:PASSWORD or --user and --password, not both");
        }
        if (basicAuth != null) {
            if (basicAuth.indexOf(':') <= 0) {
                throw usage("--basic-auth expects USER:PASSWORD");
            }
            return basicAuth;
        }
        if (password != null && user == null) {
            throw usage("--password needs --user");
        }
        if (user != null) {
            if (password != null && passwordFile != null) {
                throw usage("Use either --password or --password-file, not both");
            }
            return user + ":" + (password != null ? password : storedPassword());
        }
        return urlUserInfo;
    }

    /** The password of {@code --user} from --password-file, ENLACE_PASSWORD or the default data directory. */
    private String storedPassword() {
        if (passwordFile != null) {
            try {
                return java.nio.file.Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
            } catch (java.io.IOException e) {
                throw usage("--password-file: cannot read " + passwordFile + ": " + e.getMessage());
            }
        }
        String env = System.getenv("ENLACE_PASSWORD");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        return gt.enlace.platform.security.CredentialStore.in(java.nio.file.Path.of(
            gt.enlace.platform.runtime.PlatformSettings.DEFAULT_DATA_DIR)).password(user).orElseThrow(() ->
            usage("--user " + user + " needs --password, --password-file or ENLACE_PASSWORD (no "
                + "./data/credentials/" + user + ".password here)"));
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(mixee.commandLine(), message);
    }
}
