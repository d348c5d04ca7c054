package gt.enlace.bus.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third party with nothing but the JDK (java.security's Ed25519 and SHA-256) and docs/security.md checks events the
 * Enlace signer wrote: nothing here calls the Enlace verifier, canonical form or Merkle code.
 */
class ThirdPartyVerificationTest {

    @TempDir
    static Path dir;

    static EventSigner renap;

    @BeforeAll
    static void keys() {
        renap = new EventSigner(new InstitutionKeyStore(dir.resolve("keys")).signingKey("renap"));
    }

    /** docs/security.md, "Checking a signature without Enlace", as a method. */
    static boolean verify(List<Map.Entry<String, byte[]>> headers, byte[] value, PublicKey publishedKey) throws Exception {
        Map<String, String> p = new HashMap<>();
        byte[] header = null;
        for (Map.Entry<String, byte[]> h : headers) {
            header = h.getKey().equals("ce_signature") ? h.getValue() : header;
        }
        for (String part : new String(header, StandardCharsets.UTF_8).split(";")) {
            p.put(part.substring(0, part.indexOf('=')), part.substring(part.indexOf('=') + 1));
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((byte) 0);
        sha.update(canonicalForm(headers, value));
        byte[] h = sha.digest();
        int i = Integer.parseInt(p.get("idx"));
        int n = Integer.parseInt(p.get("n"));
        ByteBuffer path = ByteBuffer.wrap(Base64.getDecoder().decode(p.get("path")));
        for (; n > 1; i /= 2, n = (n + 1) / 2) {
            if (i % 2 == 1 || i + 1 < n) {
                byte[] sibling = new byte[32];
                path.get(sibling);
                sha.update((byte) 1);
                sha.update(i % 2 == 1 ? sibling : h);
                h = sha.digest(i % 2 == 1 ? h : sibling);
            }
        }
        ByteBuffer message = ByteBuffer.allocate(22 + 4 + 32).put("enlace-merkle-root-v1\0".getBytes(StandardCharsets.US_ASCII))
            .putInt(Integer.parseInt(p.get("n"))).put(h);
        Signature ed = Signature.getInstance("Ed25519");
        ed.initVerify(publishedKey);
        ed.update(message.array());
        return p.get("alg").equals("ed25519-merkle-sha256") && !path.hasRemaining() && ed.verify(Base64.getDecoder().decode(p.get("sig")));
    }

    /** The canonical form as docs/security.md lays it out. */
    static byte[] canonicalForm(List<Map.Entry<String, byte[]>> headers, byte[] value) {
        List<Map.Entry<String, byte[]>> signed = new ArrayList<>();
        for (Map.Entry<String, byte[]> h : headers) {
            if (h.getKey().startsWith("ce_") && !h.getKey().equals("ce_signature") || h.getKey().equals("content-type")) {
                signed.add(h);
            }
        }
        signed.sort(Map.Entry.comparingByKey());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("enlace-signature-v1\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(4).putInt(signed.size()).array());
        for (Map.Entry<String, byte[]> h : signed) {
            byte[] name = h.getKey().getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(name.length).array());
            out.writeBytes(name);
            lengthPrefixed(out, h.getValue());
        }
        lengthPrefixed(out, value);
        return out.toByteArray();
    }

    private static void lengthPrefixed(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            out.writeBytes(bytes);
        }
    }

    static List<Map.Entry<String, byte[]>> asList(Headers headers) {
        List<Map.Entry<String, byte[]>> list = new ArrayList<>();
        for (Header h : headers) {
            list.add(Map.entry(h.key(), h.value()));
        }
        return list;
    }

    @Test
    void aThirdPartyWithOnlyTheJdkVerifiesEveryEventOfABatchAndNoTamperedOne() throws Exception {
        PublicKey published = renap.key().published().publicKey();
        for (int n : new int[] {1, 2, 3, 7, 33}) {
            List<Headers> headers = new ArrayList<>();
            List<byte[]> values = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                headers.add(EventSignatureTest.headers());
                values.add(("birth " + i).getBytes(StandardCharsets.UTF_8));
            }
            values.set(n - 1, null);
            renap.signBatch(headers, values);
            for (int i = 0; i < n; i++) {
                assertThat(verify(asList(headers.get(i)), values.get(i), published)).as("event %d of %d", i, n).isTrue();
                byte[] other = ("birth " + i + "!").getBytes(StandardCharsets.UTF_8);
                assertThat(verify(asList(headers.get(i)), other, published)).as("tampered event %d of %d", i, n).isFalse();
            }
        }
    }

    @Test
    void theThirdPartysCanonicalFormIsEnlaces() {
        Headers h = EventSignatureTest.headers();
        assertThat(canonicalForm(asList(h), EventSignatureTest.VALUE)).isEqualTo(CanonicalForm.of(h, EventSignatureTest.VALUE));
    }
}
