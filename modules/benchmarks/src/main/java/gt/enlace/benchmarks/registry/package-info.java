/**
 * Load test of the schema registry's id lookups ({@code GET /schemas/ids/{id}}) with concurrent keep-alive
 * clients, against a trivial endpoint of the same server as baseline.
 */
package gt.enlace.benchmarks.registry;
