package gt.enlace.examples.births;

import gt.enlace.renap.BirthRegistered;
import gt.enlace.subscriber.EventMetadata;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Counts RENAP births per municipality of birth (INE's 4-digit code, department + municipality).
 * Idempotent on {@code ce_id}, as every Enlace handler should be: a redelivered event is not counted
 * twice. (In memory, for the example; a real integrator keeps counts and handled ids in its own store,
 * or turns on {@code enlace.subscriber.idempotency-guard.enabled}.)
 */
@Component
public class BirthCounter {

    private final ConcurrentMap<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Set<String> counted = ConcurrentHashMap.newKeySet();

    /**
     * The listener: a typed Avro record plus the event's metadata. Deserialisation, retries and dead
     * letters are the auto-configuration's business.
     *
     * @param birth    the birth registered
     * @param metadata its CloudEvents headers and Kafka coordinates
     */
    @KafkaListener(topics = "${births.topic:gt.renap.birth-registered.v1}")
    public void on(BirthRegistered birth, EventMetadata metadata) {
        if (!counted.add(metadata.id())) {
            return;
        }
        String municipality = birth.getPlaceOfBirth().getDepartmentCode() + birth.getPlaceOfBirth().getMunicipalityCode();
        counts.computeIfAbsent(municipality, m -> new AtomicLong()).incrementAndGet();
    }

    /** @return births per INE municipality code, sorted by code */
    public Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** @return births counted in all */
    public long total() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }
}
