package gt.enlace.bus.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gt.enlace.bus.headers.Channel;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.schemas.catalog.Classification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventSignatureTest {

    @TempDir
    static Path dir;

    static InstitutionKeyStore store;
    static EventSigner renap;
    static EventSigner sat;
    static EventVerifier verifier;

    @BeforeAll
    static void keys() {
        store = new InstitutionKeyStore(dir.resolve("keys"));
        renap = new EventSigner(store.signingKey("renap"));
        sat = new EventSigner(store.signingKey("sat"));
        verifier = new EventVerifier(store);
    }

    static Headers headers() {
        Headers headers = new RecordHeaders();
        EventHeaders.builder()
            .id("3f8c1d2e-0000-4000-8000-000000000001")
            .source("renap", "sirenap")
            .typeForTopic("gt.renap.birth-registered.v1")
            .time(OffsetDateTime.of(2026, 11, 26, 11, 35, 0, 0, ZoneOffset.ofHours(-6)))
            .legalBasis("Decreto 90-2005")
            .classification(Classification.CONFIDENCIAL)
            .channel(Channel.SDK)
            .build()
            .writeTo(headers);
        headers.add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    static final byte[] VALUE = {0, 0, 0, 0, 7, 2, 4, 6, 8, 10};

    @Test
    void canonicalFormSortsHeadersByNameAndIgnoresOrderAndUnsignedHeaders() {
        Headers a = new RecordHeaders();
        a.add("ce_type", "t".getBytes(StandardCharsets.UTF_8));
        a.add("ce_id", "1".getBytes(StandardCharsets.UTF_8));
        Headers b = new RecordHeaders();
        b.add("ce_id", "1".getBytes(StandardCharsets.UTF_8));
        b.add("x-trace", "zzz".getBytes(StandardCharsets.UTF_8));
        b.add("ce_type", "t".getBytes(StandardCharsets.UTF_8));
        b.add(SignatureHeader.NAME, "anything".getBytes(StandardCharsets.UTF_8));
        assertThat(CanonicalForm.of(a, new byte[] {9})).isEqualTo(CanonicalForm.of(b, new byte[] {9}));
    }

    @Test
    void canonicalFormIsTheDocumentedLengthPrefixedLayout() {
        Headers h = new RecordHeaders();
        h.add("ce_id", "1".getBytes(StandardCharsets.UTF_8));
        h.add("content-type", "a".getBytes(StandardCharsets.UTF_8));
        String hex = HexFormat.of().formatHex(CanonicalForm.of(h, new byte[] {9}));
        String expected = HexFormat.of().formatHex("enlace-signature-v1\0".getBytes(StandardCharsets.US_ASCII))
            + "00000002"
            + "00000005" + HexFormat.of().formatHex("ce_id".getBytes(StandardCharsets.US_ASCII)) + "00000001" + "31"
            + "0000000c" + HexFormat.of().formatHex("content-type".getBytes(StandardCharsets.US_ASCII)) + "00000001" + "61"
            + "00000001" + "09";
        assertThat(hex).isEqualTo(expected);
        assertThat(CanonicalForm.of(new RecordHeaders(), null)).endsWith(0xff, 0xff, 0xff, 0xff);
    }

    @Test
    void aSignedEventVerifiesAndNamesItsSigner() {
        Headers h = headers();
        renap.sign(h, VALUE);
        String header = new String(h.lastHeader("ce_signature").value(), StandardCharsets.UTF_8);
        assertThat(header).startsWith("alg=ed25519;kid=" + renap.key().keyId() + ";hd=").contains(";sig=");
        assertThat(renap.key().keyId()).matches("renap-[0-9a-f]{12}");

        Verification v = verifier.verify(h, VALUE);
        assertThat(v.valid()).isTrue();
        assertThat(v.signer()).contains("renap");
        assertThat(v.keyId()).contains(renap.key().keyId());
    }

    @Test
    void addingAnUnsignedHeaderAfterSigningKeepsTheSignatureValid() {
        Headers h = headers();
        renap.sign(h, VALUE);
        h.add("enlace_dlt_stage", "handle".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(h, VALUE).valid()).isTrue();
    }

    @Test
    void oneByteOfTheValueChangedIsABadSignature() {
        Headers h = headers();
        renap.sign(h, VALUE);
        byte[] tampered = VALUE.clone();
        tampered[7] ^= 1;
        Verification v = verifier.verify(h, tampered);
        assertThat(v.valid()).isFalse();
        assertThat(v.error()).contains(SignatureError.BAD_SIGNATURE);
        assertThatThrownBy(() -> verifier.verifyOrThrow(h, tampered)).isInstanceOf(SignatureVerificationException.class)
            .hasMessageStartingWith("SIGNATURE_BAD: ");
    }

    @Test
    void aRemovedHeaderIsReportedAsTampered() {
        Headers h = headers();
        renap.sign(h, VALUE);
        h.remove("ce_legalbasis");
        assertThat(verifier.verify(h, VALUE).error()).contains(SignatureError.HEADER_TAMPERED);
    }

    @Test
    void aChangedHeaderIsReportedAsTampered() {
        Headers h = headers();
        renap.sign(h, VALUE);
        h.remove("ce_classification");
        h.add("ce_classification", "publica".getBytes(StandardCharsets.UTF_8));
        Verification v = verifier.verify(h, VALUE);
        assertThat(v.error()).contains(SignatureError.HEADER_TAMPERED);
        assertThat(v.reason()).contains("header");
    }

    @Test
    void anEventOfRenapSignedWithTheKeyOfSatIsRejected() {
        Headers h = headers();
        sat.sign(h, VALUE);
        Verification v = verifier.verify(h, VALUE);
        assertThat(v.error()).contains(SignatureError.WRONG_SIGNER);
        assertThat(v.reason()).contains("sat").contains("renap");
    }

    @Test
    void aSignatureOfSatClaimingRenapsKeyIdIsABadSignature() {
        Headers h = headers();
        sat.sign(h, VALUE);
        SignatureHeader forged = SignatureHeader.parse(h.lastHeader("ce_signature").value()).orElseThrow();
        h.remove("ce_signature");
        h.add("ce_signature", new SignatureHeader(renap.key().keyId(), forged.headerDigest(), forged.signature()).toBytes());
        assertThat(verifier.verify(h, VALUE).error()).contains(SignatureError.BAD_SIGNATURE);
    }

    @Test
    void missingMalformedAndUnknownKeySignaturesHaveTheirOwnCodes() {
        Headers unsigned = headers();
        assertThat(verifier.verify(unsigned, VALUE).error()).contains(SignatureError.MISSING);

        Headers malformed = headers();
        malformed.add("ce_signature", "alg=rsa;kid=x".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(malformed, VALUE).error()).contains(SignatureError.MALFORMED);

        Headers unknown = headers();
        renap.sign(unknown, VALUE);
        EventVerifier empty = new EventVerifier(KeyDirectory.of(List.of()));
        Verification v = empty.verify(unknown, VALUE);
        assertThat(v.error()).contains(SignatureError.UNKNOWN_KEY);
        assertThat(v.reason()).contains(renap.key().keyId());
        assertThat(SignatureError.UNKNOWN_KEY.code()).isEqualTo("SIGNATURE_UNKNOWN_KEY");
    }

    @Test
    void signingTwiceReplacesTheSignatureHeader() {
        Headers h = headers();
        renap.sign(h, VALUE);
        renap.sign(h, VALUE);
        assertThat(h.headers("ce_signature")).hasSize(1);
        assertThat(verifier.verify(h, VALUE).valid()).isTrue();
    }

    @Test
    void signersOnManyThreadsProduceValidSignatures() throws Exception {
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger valid = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    Headers h = headers();
                    byte[] value = ("event " + i).getBytes(StandardCharsets.UTF_8);
                    renap.sign(h, value);
                    if (verifier.verify(h, value).valid()) {
                        valid.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(valid.get()).isEqualTo(200);
    }
}
