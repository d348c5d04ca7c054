package gt.enlace.publisher.gateway;

import gt.enlace.publisher.csv.CsvProgressStore;
import gt.enlace.publisher.csv.KafkaCsvProgressStore;
import java.util.function.Supplier;

/** The CSV bridge's Kafka progress store, created on the first upload so that the gateway starts without Kafka. */
final class LazyCsvProgressStore implements Supplier<CsvProgressStore>, AutoCloseable {

    private final String bootstrapServers;
    private final java.util.Map<String, String> clientProperties;
    private KafkaCsvProgressStore store;

    LazyCsvProgressStore(String bootstrapServers) {
        this(bootstrapServers, java.util.Map.of());
    }

    LazyCsvProgressStore(String bootstrapServers, java.util.Map<String, String> clientProperties) {
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = clientProperties;
    }

    @Override
    public synchronized CsvProgressStore get() {
        if (store == null) {
            try {
                store = new KafkaCsvProgressStore(bootstrapServers, clientProperties);
            } catch (RuntimeException e) {
                throw new GatewayException(GatewayError.UNAVAILABLE, "Kafka is unavailable: " + e.getMessage());
            }
        }
        return store;
    }

    @Override
    public synchronized void close() {
        if (store != null) {
            store.close();
        }
    }
}
