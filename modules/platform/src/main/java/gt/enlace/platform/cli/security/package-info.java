/** {@code enlace institutions …} and {@code enlace agreements …}: principals, credentials and data-sharing agreements. */
package gt.enlace.platform.cli.security;
