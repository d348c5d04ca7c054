/**
 * The registry's rules, independent of HTTP: registration and identity, lookups, deletes, compatibility,
 * configs and modes, and the stable error codes ({@link gt.enlace.registry.service.RegistryError}).
 */
package gt.enlace.registry.service;
