/**
 * The platform's side of event signatures: the institutions' key store under {@code <data-dir>/keys/}
 * ({@link gt.enlace.bus.signing.InstitutionKeyStore}) and the public-key directory
 * {@code GET /api/v1/keys} ({@link gt.enlace.platform.signing.KeysController}).
 */
package gt.enlace.platform.signing;
