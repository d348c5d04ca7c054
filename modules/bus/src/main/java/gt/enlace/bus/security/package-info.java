/**
 * Institutions as Kafka principals: the client properties that log in as one ({@link
 * gt.enlace.bus.security.ClientSecurity}) and the ACLs every institution holds by default ({@link
 * gt.enlace.bus.security.InstitutionAcls}). No Spring; an agency's own clients use the same presets.
 */
package gt.enlace.bus.security;
