/**
 * Non-repudiation: every event on the bus is signed by its publishing institution with Ed25519, and
 * any subscriber or third party can check who wrote it.
 *
 * <ul>
 *   <li>{@link gt.enlace.bus.signing.CanonicalForm}: the exact bytes that are signed (the serialized
 *       value plus the {@code ce_*} headers, sorted, length-prefixed);</li>
 *   <li>{@link gt.enlace.bus.signing.EventSigner} and {@link gt.enlace.bus.signing.SigningSerializer}:
 *       the publisher side, which adds the {@value gt.enlace.bus.signing.SignatureHeader#NAME} header;</li>
 *   <li>{@link gt.enlace.bus.signing.EventVerifier}: the subscriber side, with stable
 *       {@link gt.enlace.bus.signing.SignatureError} codes;</li>
 *   <li>{@link gt.enlace.bus.signing.InstitutionKeyStore}: the platform's key pairs, one per
 *       institution, as PKCS#8/X.509 PEM files; {@link gt.enlace.bus.signing.KeyDirectory}: where a
 *       verifier finds public keys (a list, a folder of {@code .pub} files or the platform's
 *       {@code /api/v1/keys}).</li>
 * </ul>
 */
package gt.enlace.bus.signing;
