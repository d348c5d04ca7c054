/**
 * HTTP Basic authentication and per-institution write permissions of the registry's REST API, on when the host
 * gives the registry an {@link gt.enlace.bus.security.HttpAuthenticator} (the platform does when the bus is secure)
 * or a credentials directory ({@value gt.enlace.registry.security.RegistryAccessFilter#CREDENTIALS_DIR}).
 */
package gt.enlace.registry.security;
