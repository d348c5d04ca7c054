package gt.enlace.publisher.gateway;

import gt.enlace.publisher.csv.CsvProgressStore;
import gt.enlace.publisher.csv.KafkaCsvProgressStore;
import java.util.function.Supplier;

/** The CSV bridge's Kafka progress store, created on the first upload so that the gateway starts without Kafka. */
final class LazyCsvProgressStore implements Supplier<CsvProgressStore>, AutoCloseable {

    private final String bootstrapServers;
    private KafkaCsvProgressStore store;

    LazyCsvProgressStore(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public synchronized CsvProgressStore get() {
        if (store == null) {
            try {
                store = new KafkaCsvProgressStore(bootstrapServers);
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
