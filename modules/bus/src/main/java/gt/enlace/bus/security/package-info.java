/**
 * Institutions as principals: the Kafka client properties that log in as one ({@link
 * gt.enlace.bus.security.ClientSecurity}), the ACLs every institution holds by default ({@link
 * gt.enlace.bus.security.InstitutionAcls}), and HTTP Basic authentication of the platform's HTTP ports with the same
 * credentials ({@link gt.enlace.bus.security.HttpAuthenticator}: strict header parsing in
 * {@link gt.enlace.bus.security.BasicCredentials}, passwords and roles from the credentials directory in
 * {@link gt.enlace.bus.security.CredentialDirectory}, failed logins slowed by
 * {@link gt.enlace.bus.security.LoginThrottle}). No Spring and no servlet API; an agency's own clients use the same
 * presets.
 */
package gt.enlace.bus.security;
