package gt.enlace.benchmarks.bus;

import java.util.LinkedHashMap;
import java.util.Map;

import gt.enlace.benchmarks.BenchmarkContext;
import gt.enlace.benchmarks.BenchmarkRow;
import gt.enlace.benchmarks.Goal;
import gt.enlace.benchmarks.RowResult;
import gt.enlace.benchmarks.RunSettings;
import gt.enlace.bus.signing.EventSigner;
import gt.enlace.bus.signing.EventVerifier;
import gt.enlace.bus.signing.InstitutionKeyStore;
import gt.enlace.publisher.EventPublisher;
import gt.enlace.publisher.PublisherConfig;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Issue 8's goal: signing costs at most 15% of SDK publish throughput with 1 KiB records. Enlace: an
 * {@link EventPublisher} with {@link PublisherConfig#SIGNING_KEY_FILE_CONFIG} (Ed25519 over the value and the
 * {@code ce_*} headers, in the serializer); baseline: the same publisher unsigned. Same broker, same load
 * ({@link PublishLoad}, fresh topic copies per repetition), alternating sides as {@link PublishRow} does.
 *
 * <p>The details add a single-thread microbenchmark of the cryptography alone per 1 KiB record:
 * {@code signMicros} (canonical form + Ed25519 sign + header) and {@code verifyMicros} (canonical form + Ed25519
 * verify), means over {@value #MICRO_ITERATIONS} records after as many for warm-up.
 */
public final class SignedPublishRow implements BenchmarkRow {

    /** The goal: signed / unsigned SDK publish. */
    public static final double GOAL_RATIO = 0.85;
    static final int MICRO_ITERATIONS = 300;
    private static final int DISTINCT_RECORDS = 64;

    @Override
    public String id() {
        return "sdk.publish.signed.1kib";
    }

    @Override
    public String title() {
        return "SDK publish signed with Ed25519, 1 KiB birth record, acks=all";
    }

    @Override
    public String unit() {
        return "events/s";
    }

    @Override
    public String baseline() {
        return "the same EventPublisher without a signing key";
    }

    @Override
    public Goal goal() {
        return Goal.ratioAtLeast(GOAL_RATIO, unit());
    }

    @Override
    public RowResult run(BenchmarkContext context) throws Exception {
        BusFixture bus = BusFixture.of(context);
        RunSettings settings = context.settings();
        SpecificRecord[] pool = new SpecificRecord[DISTINCT_RECORDS];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = BenchEvents.birth1KiB(i);
        }
        String baseTopic = BusFixture.BIRTHS;
        String institution = bus.catalog().topic(BusFixture.copyName(baseTopic, 1)).orElseThrow().owner();
        InstitutionKeyStore keys = new InstitutionKeyStore(context.scratch().resolve("signing-keys"));
        keys.signingKey(institution);
        Map<String, Object> signedConfig = new LinkedHashMap<>(bus.publisherConfig(institution));
        signedConfig.put(PublisherConfig.SIGNING_KEY_FILE_CONFIG, keys.privateKeyFile(institution).toString());

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("valueBytes", BenchEvents.wireSize(pool[0]));
        details.put("window", PublishLoad.DEFAULT_WINDOW);
        micro(keys, institution, bus.serialize(institution, bus.freshTopic(baseTopic), pool[0]), details);
        context.progress("%s: sign %.1f µs, verify %.1f µs per record (one thread)", id(), details.get("signMicros"),
            details.get("verifyMicros"));
        long[] failures = new long[1];
        try (EventPublisher signed = new EventPublisher(signedConfig, bus.catalog());
             EventPublisher unsigned = new EventPublisher(bus.publisherConfig(institution), bus.catalog())) {
            RowResult result = Repetitions.alternate(context, id(), unit(), side(signed, bus, baseTopic, pool, settings, failures),
                side(unsigned, bus, baseTopic, pool, settings, failures), details, true);
            details.put("failedSends", failures[0]);
            return new RowResult(result.enlace(), result.baseline(), details);
        }
    }

    private static Repetitions.Side side(EventPublisher publisher, BusFixture bus, String baseTopic, SpecificRecord[] pool,
                                         RunSettings settings, long[] failures) {
        return rep -> {
            String topic = bus.freshTopic(baseTopic);
            PublishLoad.Phase phase = PublishLoad.forDuration(rep == 0 ? settings.loadWarmup() : settings.loadMeasurement(),
                PublishLoad.DEFAULT_WINDOW, (i, done) -> publisher.publish(topic, pool[(int) (i % pool.length)])
                    .whenComplete((receipt, error) -> done.accept(error)));
            failures[0] += phase.failed();
            return phase.perSecond();
        };
    }

    /** Sign and verify alone, one thread, per record. */
    static void micro(InstitutionKeyStore keys, String institution, byte[] value, Map<String, Object> details) {
        EventSigner signer = new EventSigner(keys.signingKey(institution));
        EventVerifier verifier = new EventVerifier(keys);
        Headers template = new RecordHeaders();
        gt.enlace.bus.headers.EventHeaders.builder().source(institution, "bench").typeForTopic(BusFixture.BIRTHS)
            .legalBasis("Decreto 90-2005").classification(gt.enlace.schemas.catalog.Classification.CONFIDENCIAL)
            .channel(gt.enlace.bus.headers.Channel.SDK).build().writeTo(template);
        Headers[] signed = new Headers[MICRO_ITERATIONS];
        long signNanos = 0;
        long verifyNanos = 0;
        int valid = 0;
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < MICRO_ITERATIONS; i++) {
                Headers h = new RecordHeaders(template.toArray());
                signer.sign(h, value);
                signed[i] = h;
            }
            long t1 = System.nanoTime();
            valid = 0;
            for (int i = 0; i < MICRO_ITERATIONS; i++) {
                valid += verifier.verify(signed[i], value).valid() ? 1 : 0;
            }
            long t2 = System.nanoTime();
            signNanos = t1 - t0;
            verifyNanos = t2 - t1;
        }
        if (valid != MICRO_ITERATIONS) {
            throw new IllegalStateException("only " + valid + " of " + MICRO_ITERATIONS + " signatures verified");
        }
        details.put("signMicros", Math.round(signNanos / 100.0 / MICRO_ITERATIONS) / 10.0);
        details.put("verifyMicros", Math.round(verifyNanos / 100.0 / MICRO_ITERATIONS) / 10.0);
    }
}
