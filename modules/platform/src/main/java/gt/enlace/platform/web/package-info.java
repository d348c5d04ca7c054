/** The platform's HTTP side on port 8080: {@code /health} and, as they land, the web roles. */
package gt.enlace.platform.web;
