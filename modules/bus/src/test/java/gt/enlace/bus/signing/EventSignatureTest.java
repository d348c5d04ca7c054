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
        assertThat(header).startsWith("alg=ed25519-merkle-sha256;kid=" + renap.key().keyId() + ";hd=")
            .contains(";idx=0;n=1;path=;sig=");
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

    /** A header as publishers before batch signing wrote it: Ed25519 over the canonical form, with the JDK. */
    static void signTheOldWay(Headers h, byte[] value) throws Exception {
        h.remove("ce_signature");
        java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
        jdk.initSign(renap.key().privateKey());
        jdk.update(CanonicalForm.of(h, value));
        h.add("ce_signature", new SignatureHeader(renap.key().keyId(), CanonicalForm.headerDigest(h), jdk.sign()).toBytes());
    }

    @Test
    void aSingleSignatureHeaderOfEarlierPublishersStillVerifiesAndStillCatchesTampering() throws Exception {
        Headers h = headers();
        signTheOldWay(h, VALUE);
        assertThat(new String(h.lastHeader("ce_signature").value(), StandardCharsets.UTF_8)).startsWith("alg=ed25519;kid=");
        Verification v = verifier.verify(h, VALUE);
        assertThat(v.valid()).as(v.reason()).isTrue();
        byte[] tampered = VALUE.clone();
        tampered[2] ^= 4;
        assertThat(verifier.verify(h, tampered).error()).contains(SignatureError.BAD_SIGNATURE);
        h.remove("ce_subject");
        h.add("ce_subject", "1234".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(h, VALUE).error()).contains(SignatureError.HEADER_TAMPERED);
    }

    static List<Headers> signedBatch(int n, List<byte[]> values) {
        List<Headers> batch = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            Headers h = headers();
            h.remove("ce_id");
            h.add("ce_id", ("event-" + i).getBytes(StandardCharsets.UTF_8));
            batch.add(h);
            values.add(("value " + i).getBytes(StandardCharsets.UTF_8));
        }
        renap.signBatch(batch, values);
        return batch;
    }

    @Test
    void everyEventOfABatchVerifiesOnItsOwnAndTheBatchCostsOneSignatureCheck() {
        List<byte[]> values = new java.util.ArrayList<>();
        List<Headers> batch = signedBatch(7, values);
        EventVerifier fresh = new EventVerifier(store);
        for (int i = 0; i < 7; i++) {
            String header = new String(batch.get(i).lastHeader("ce_signature").value(), StandardCharsets.UTF_8);
            assertThat(header).startsWith("alg=ed25519-merkle-sha256;").contains(";idx=" + i + ";n=7;path=");
            Verification v = fresh.verify(batch.get(i), values.get(i));
            assertThat(v.valid()).as(v.reason()).isTrue();
            assertThat(v.reason()).contains("event " + (i + 1) + " of 7");
        }
        assertThat(fresh.signatureChecks()).isEqualTo(1);
        EventVerifier uncached = new EventVerifier(store, 0);
        for (int i = 0; i < 7; i++) {
            assertThat(uncached.verify(batch.get(i), values.get(i)).valid()).isTrue();
        }
        assertThat(uncached.signatureChecks()).isEqualTo(7);
    }

    /** Rewrites one part (idx, n, path, sig, alg) of event 5's header; the rest stays as signed. */
    static Verification withPart(List<Headers> batch, List<byte[]> values, String name, java.util.function.UnaryOperator<String> change) {
        Headers h = new RecordHeaders(batch.get(5).toArray());
        String[] parts = new String(h.lastHeader("ce_signature").value(), StandardCharsets.UTF_8).split(";");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].startsWith(name + "=")) {
                parts[i] = name + "=" + change.apply(parts[i].substring(name.length() + 1));
            }
        }
        h.remove("ce_signature");
        h.add("ce_signature", String.join(";", parts).getBytes(StandardCharsets.UTF_8));
        return verifier.verify(h, values.get(5));
    }

    static String flipBit(String base64, int byteIndex) {
        byte[] b = java.util.Base64.getDecoder().decode(base64);
        b[byteIndex] ^= 0x10;
        return java.util.Base64.getEncoder().encodeToString(b);
    }

    @Test
    void aChangedPathIndexSizeSignatureOrAlgorithmInABatchHeaderFailsEvenOnceTheBatchIsVerified() {
        List<byte[]> values = new java.util.ArrayList<>();
        List<Headers> batch = signedBatch(7, values);
        assertThat(verifier.verify(batch.get(4), values.get(4)).valid()).isTrue(); // the root is now cached
        assertThat(withPart(batch, values, "idx", s -> s).valid()).isTrue();
        for (int b = 0; b < 64; b += 7) {
            int at = b;
            assertThat(withPart(batch, values, "path", s -> flipBit(s, at)).error()).as("path byte %d", b)
                .contains(SignatureError.BAD_SIGNATURE);
        }
        assertThat(withPart(batch, values, "idx", s -> "4").error()).contains(SignatureError.BAD_SIGNATURE);
        assertThat(withPart(batch, values, "idx", s -> "7").error()).contains(SignatureError.MALFORMED);
        assertThat(withPart(batch, values, "idx", s -> "05").error()).contains(SignatureError.MALFORMED);
        assertThat(withPart(batch, values, "idx", s -> "-5").error()).contains(SignatureError.MALFORMED);
        assertThat(withPart(batch, values, "n", s -> "8").error()).contains(SignatureError.BAD_SIGNATURE);
        assertThat(withPart(batch, values, "n", s -> "6").error()).as("leaf 5 of 6 has a shorter path").contains(SignatureError.MALFORMED);
        assertThat(withPart(batch, values, "n", s -> "0").error()).contains(SignatureError.MALFORMED);
        assertThat(withPart(batch, values, "n", s -> "99999999").error()).contains(SignatureError.MALFORMED);
        assertThat(withPart(batch, values, "path", s -> s.substring(0, 44)).error()).contains(SignatureError.MALFORMED);
        assertThat(withPart(batch, values, "path", s -> "").error()).contains(SignatureError.MALFORMED);
        assertThat(withPart(batch, values, "sig", s -> flipBit(s, 40)).error()).contains(SignatureError.BAD_SIGNATURE);
        assertThat(withPart(batch, values, "alg", s -> "ed25519").error()).contains(SignatureError.MALFORMED);
    }

    @Test
    void aTamperedValueOrHeaderOrARemovedSignatureInABatchFailsWithItsCode() {
        List<byte[]> values = new java.util.ArrayList<>();
        List<Headers> batch = signedBatch(7, values);
        assertThat(verifier.verify(batch.get(3), values.get(3)).valid()).isTrue();
        byte[] tampered = values.get(3).clone();
        tampered[0] ^= 1;
        assertThat(verifier.verify(batch.get(3), tampered).error()).contains(SignatureError.BAD_SIGNATURE);
        assertThat(verifier.verify(batch.get(3), values.get(2)).error()).as("another event's value")
            .contains(SignatureError.BAD_SIGNATURE);
        Headers changed = new RecordHeaders(batch.get(3).toArray());
        changed.remove("ce_legalbasis");
        assertThat(verifier.verify(changed, values.get(3)).error()).contains(SignatureError.HEADER_TAMPERED);
        Headers removed = new RecordHeaders(batch.get(3).toArray());
        removed.remove("ce_signature");
        assertThat(verifier.verify(removed, values.get(3)).error()).contains(SignatureError.MISSING);
        Headers swapped = new RecordHeaders(batch.get(3).toArray());
        swapped.remove("ce_signature");
        swapped.add(batch.get(2).lastHeader("ce_signature"));
        assertThat(verifier.verify(swapped, values.get(3)).valid()).as("another event's proof").isFalse();
    }

    @Test
    void aBatchSignedWithTheKeyOfSatForRenapsEventsIsRejected() {
        List<Headers> batch = List.of(headers(), headers());
        List<byte[]> values = List.of(VALUE, VALUE);
        sat.signBatch(batch, values);
        assertThat(verifier.verify(batch.get(1), VALUE).error()).contains(SignatureError.WRONG_SIGNER);
    }

    @Test
    void aBatchWithoutEventsOrWithMismatchedValuesIsRefused() {
        assertThatThrownBy(() -> renap.signBatch(List.of(), List.of())).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("1 to 65536");
        assertThatThrownBy(() -> renap.signBatch(List.of(headers()), List.of(VALUE, VALUE)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 headers and 2 values");
    }
}
