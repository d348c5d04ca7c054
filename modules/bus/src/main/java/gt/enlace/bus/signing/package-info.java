/**
 * Non-repudiation: every event on the bus is signed by its publishing institution with Ed25519, and
 * any subscriber or third party can check who wrote it.
 *
 * <ul>
 *   <li>{@link gt.enlace.bus.signing.CanonicalForm}: the exact bytes that are signed (the serialized
 *       value plus the {@code ce_*} headers, sorted, length-prefixed);</li>
 *   <li>{@link gt.enlace.bus.signing.EventSigner}: the publisher side, which adds the
 *       {@value gt.enlace.bus.signing.SignatureHeader#NAME} header, one signature per batch
 *       ({@link gt.enlace.bus.signing.EventSigner#signBatch}); {@link gt.enlace.bus.signing.SigningSerializer}
 *       signs each event alone inside a Kafka serializer;</li>
 *   <li>{@link gt.enlace.bus.signing.MerkleTree}: the SHA-256 tree that lets one signature cover a batch
 *       while each event keeps its own proof;</li>
 *   <li>{@link gt.enlace.bus.signing.EventVerifier}: the subscriber side, with stable
 *       {@link gt.enlace.bus.signing.SignatureError} codes;</li>
 *   <li>{@link gt.enlace.bus.signing.InstitutionKeyStore}: the platform's key pairs, one per
 *       institution, as PKCS#8/X.509 PEM files; {@link gt.enlace.bus.signing.KeyDirectory}: where a
 *       verifier finds public keys (a list, a folder of {@code .pub} files or the platform's
 *       {@code /api/v1/keys}).</li>
 * </ul>
 *
 * <h2>Checking a record without Enlace</h2>
 *
 * <p>The header ({@link gt.enlace.bus.signing.SignatureHeader}) is
 * {@code alg=ed25519-merkle-sha256;kid=<key id>;hd=<b64>;idx=<i>;n=<n>;path=<b64>;sig=<b64>}, or, from
 * publishers before batch signing, {@code alg=ed25519;kid=<key id>;hd=<b64>;sig=<b64>} where {@code sig} signs the
 * canonical form itself. For the batch form:
 *
 * <pre>
 * h = SHA-256(0x00 || canonical form)                      the event's leaf
 * while n &gt; 1:                                            walk the path (32-byte hashes, bottom up)
 *     if i is odd:        h = SHA-256(0x01 || path[k++] || h)
 *     else if i + 1 &lt; n:  h = SHA-256(0x01 || h || path[k++])
 *     i = i / 2; n = (n + 1) / 2
 * every path hash used; Ed25519-verify sig over "enlace-merkle-root-v1" 0x00 || u32 n (the header's) || h
 * </pre>
 *
 * <p>docs/security.md has the same as a runnable Python function; standard base64 with padding, big-endian
 * integers. Signatures are plain RFC 8032 Ed25519 (made with BouncyCastle, checked by any library).
 */
package gt.enlace.bus.signing;
