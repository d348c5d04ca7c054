/**
 * An example integrator: a municipality's statistics office subscribes to RENAP's births and keeps a
 * count per municipality of birth, served at {@code GET /births/by-municipality}. Everything Kafka and
 * Avro is Enlace's auto-configuration; the application is one listener method and one controller.
 */
package gt.enlace.examples.births;
