package gt.enlace.broker.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import gt.enlace.broker.EmbeddedBroker;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that shares one real embedded broker across every test class of a test run
 * (started lazily, stopped when the run ends). Inject it as a parameter:
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedKafkaExtension.class)
 * class PublishIT {
 *     @Test
 *     void publishes(EmbeddedBroker broker) { ... broker.bootstrapServers() ... }
 * }
 * }</pre>
 *
 * Auto topic creation stays off, as in production: tests create their own uniquely named topics.
 */
public final class EmbeddedKafkaExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedKafkaExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmbeddedBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return extensionContext.getRoot().getStore(NAMESPACE)
            .getOrComputeIfAbsent(SharedBroker.class, key -> new SharedBroker(), SharedBroker.class)
            .broker;
    }

    /** Holds the broker for the whole run; JUnit closes it when the root context closes. */
    private static final class SharedBroker implements AutoCloseable {
        private final Path dir;
        private final EmbeddedBroker broker;

        SharedBroker() {
            try {
                dir = Files.createTempDirectory("enlace-test-kafka-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            broker = EmbeddedBroker.builder().dataDir(dir).build().start();
        }

        @Override
        public void close() {
            broker.close();
            deleteRecursively(dir);
        }
    }

    /** Deletes a directory tree, ignoring files that vanish meanwhile. */
    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp directory left behind is harmless
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
