/**
 * The integrator's commands: {@code enlace tail} (print a topic's records as JSON with their headers,
 * from the beginning, a timestamp or an offset), {@code enlace dlt list|replay} (dead letters and
 * putting them back after a fix) and {@code enlace deliveries} (which consumer groups read a topic and
 * how far behind they are).
 */
package gt.enlace.platform.cli.subscribe;
