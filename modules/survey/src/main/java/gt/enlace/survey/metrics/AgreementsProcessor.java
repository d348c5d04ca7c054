package gt.enlace.survey.metrics;

import java.nio.charset.StandardCharsets;

import gt.enlace.bus.agreements.Agreement;
import gt.enlace.bus.agreements.AgreementCodec;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the latest {@link AgreementSpan} of every agreement on {@value AgreementCodec#TOPIC} (JSON values, key the
 * agreement id) in the agreements store; a tombstone deletes it. The store also remembers when an agreement was seen
 * approved, which its later states no longer say.
 */
final class AgreementsProcessor implements Processor<String, byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(AgreementsProcessor.class);

    private final String storeName;
    private KeyValueStore<String, AgreementSpan> store;

    AgreementsProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String id = record.key();
        if (record.value() == null) {
            if (id != null) {
                store.delete(id);
            }
            return;
        }
        Agreement agreement;
        try {
            agreement = AgreementCodec.fromJson(new String(record.value(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            log.warn("Skipping a record of {} (key {}) that is not an agreement: {}", AgreementCodec.TOPIC, id,
                    e.getMessage());
            return;
        }
        // The key is the agreement id; a record without one is keyed by the id it carries.
        String key = id == null ? agreement.id() : id;
        store.put(key, AgreementSpan.of(agreement, store.get(key)));
    }
}
