/**
 * Security of a running platform: institutions as Kafka principals with SCRAM credentials kept under the data
 * directory ({@link gt.enlace.platform.security.CredentialStore}), registered in Kafka at start ({@link
 * gt.enlace.platform.security.PlatformSecurity}); data-sharing agreements stored on {@code _enlace.agreements}
 * ({@link gt.enlace.platform.security.AgreementStore}), served at {@code /api/v1/agreements} and turned into Kafka ACLs
 * by the {@link gt.enlace.platform.security.AclReconciler}.
 */
package gt.enlace.platform.security;
