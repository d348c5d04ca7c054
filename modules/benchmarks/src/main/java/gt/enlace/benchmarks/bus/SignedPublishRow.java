package gt.enlace.benchmarks.bus;

import java.security.Signature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import gt.enlace.benchmarks.BenchmarkContext;
import gt.enlace.benchmarks.BenchmarkRow;
import gt.enlace.benchmarks.Goal;
import gt.enlace.benchmarks.RowResult;
import gt.enlace.benchmarks.RunSettings;
import gt.enlace.bus.signing.EventSigner;
import gt.enlace.bus.signing.EventVerifier;
import gt.enlace.bus.signing.InstitutionKeyStore;
import gt.enlace.bus.signing.SigningKey;
import gt.enlace.publisher.EventPublisher;
import gt.enlace.publisher.PublisherConfig;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Issue 8's goal: signing costs at most 15% of SDK publish throughput with 1 KiB records. Enlace: an
 * {@link EventPublisher} with {@link PublisherConfig#SIGNING_KEY_FILE_CONFIG} (events queued while a signature is made
 * are signed together, one Ed25519 signature over a SHA-256 Merkle tree, on the publisher's signer thread); baseline:
 * the same publisher unsigned. Same broker, same load ({@link PublishLoad}, fresh topic copies per repetition),
 * alternating sides as {@link PublishRow} does.
 *
 * <p>The details add a single-thread microbenchmark of the cryptography alone per 1 KiB record, means over
 * {@value #MICRO_ITERATIONS} records after as many for warm-up: {@code signMicros} and {@code verifyMicros} (one
 * event per signature, BouncyCastle Ed25519, canonical form and header included), {@code batchSignMicros} and
 * {@code batchVerifyMicros} (per event, batches of {@value #MICRO_BATCH}, the verifier's root cache on), and
 * {@code jdkSignMicros} and {@code jdkVerifyMicros} (the JDK's Ed25519 over the canonical form, for comparison).
 */
public final class SignedPublishRow implements BenchmarkRow {

    /** The goal: signed / unsigned SDK publish. */
    public static final double GOAL_RATIO = 0.85;
    static final int MICRO_ITERATIONS = 256;
    static final int MICRO_BATCH = 256;
    private static final int DISTINCT_RECORDS = 64;

    @Override
    public String id() {
        return "sdk.publish.signed.1kib";
    }

    @Override
    public String title() {
        return "SDK publish signed with Ed25519 (batched over a Merkle tree), 1 KiB birth record, acks=all";
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
        micro(keys, institution, bus.serialize(institution, bus.freshTopic(baseTopic), new SpecificRecord[] {pool[0]})[0], details);
        context.progress("%s: per record (one thread): sign %.1f µs, verify %.1f µs; in batches of %d: sign %.1f µs, verify "
            + "%.1f µs; JDK Ed25519: sign %.1f µs, verify %.1f µs", id(), details.get("signMicros"), details.get("verifyMicros"),
            MICRO_BATCH, details.get("batchSignMicros"), details.get("batchVerifyMicros"), details.get("jdkSignMicros"),
            details.get("jdkVerifyMicros"));
        long[] failures = new long[1];
        try (EventPublisher signed = new EventPublisher(signedConfig, bus.catalog());
             EventPublisher unsigned = new EventPublisher(bus.publisherConfig(institution), bus.catalog())) {
            RowResult result = Repetitions.alternate(context, id(), unit(), side(signed, bus, baseTopic, pool, settings, failures),
                side(unsigned, bus, baseTopic, pool, settings, failures), details, true, false);
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
    static void micro(InstitutionKeyStore keys, String institution, byte[] value, Map<String, Object> details) throws Exception {
        SigningKey key = keys.signingKey(institution);
        EventSigner signer = new EventSigner(key);
        Headers template = new RecordHeaders();
        gt.enlace.bus.headers.EventHeaders.builder().source(institution, "bench").typeForTopic(BusFixture.BIRTHS)
            .legalBasis("Decreto 90-2005").classification(gt.enlace.schemas.catalog.Classification.CONFIDENCIAL)
            .channel(gt.enlace.bus.headers.Channel.SDK).build().writeTo(template);
        List<byte[]> values = java.util.Collections.nCopies(MICRO_ITERATIONS, value);
        Signature jdkSign = Signature.getInstance("Ed25519");
        jdkSign.initSign(key.privateKey());
        Signature jdkVerify = Signature.getInstance("Ed25519");
        jdkVerify.initVerify(key.published().publicKey());
        long[] nanos = new long[6];
        for (int round = 0; round < 2; round++) {
            List<Headers> single = fresh(template);
            List<Headers> batched = fresh(template);
            EventVerifier uncached = new EventVerifier(keys, 0);
            EventVerifier cached = new EventVerifier(keys);
            byte[][] jdkSignatures = new byte[MICRO_ITERATIONS][];
            long t0 = System.nanoTime();
            for (Headers h : single) {
                signer.sign(h, value);
            }
            long t1 = System.nanoTime();
            int valid = 0;
            for (Headers h : single) {
                valid += uncached.verify(h, value).valid() ? 1 : 0;
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < MICRO_ITERATIONS; i += MICRO_BATCH) {
                signer.signBatch(batched.subList(i, i + MICRO_BATCH), values.subList(i, i + MICRO_BATCH));
            }
            long t3 = System.nanoTime();
            for (Headers h : batched) {
                valid += cached.verify(h, value).valid() ? 1 : 0;
            }
            long t4 = System.nanoTime();
            for (int i = 0; i < MICRO_ITERATIONS; i++) {
                jdkSign.update(gt.enlace.bus.signing.CanonicalForm.of(template, value));
                jdkSignatures[i] = jdkSign.sign();
            }
            long t5 = System.nanoTime();
            for (int i = 0; i < MICRO_ITERATIONS; i++) {
                jdkVerify.update(gt.enlace.bus.signing.CanonicalForm.of(template, value));
                valid += jdkVerify.verify(jdkSignatures[i]) ? 1 : 0;
            }
            long t6 = System.nanoTime();
            if (valid != 3 * MICRO_ITERATIONS) {
                throw new IllegalStateException("only " + valid + " of " + 3 * MICRO_ITERATIONS + " signatures verified");
            }
            nanos = new long[] {t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5};
        }
        String[] names = {"signMicros", "verifyMicros", "batchSignMicros", "batchVerifyMicros", "jdkSignMicros", "jdkVerifyMicros"};
        for (int i = 0; i < names.length; i++) {
            details.put(names[i], Math.round(nanos[i] / 100.0 / MICRO_ITERATIONS) / 10.0);
        }
    }

    private static List<Headers> fresh(Headers template) {
        List<Headers> list = new java.util.ArrayList<>(MICRO_ITERATIONS);
        for (int i = 0; i < MICRO_ITERATIONS; i++) {
            list.add(new RecordHeaders(template.toArray()));
        }
        return list;
    }
}
