/**
 * Confluent Schema Registry's REST API over Spring MVC: controllers per resource, one exception handler that
 * writes {@code {"error_code":N,"message":"..."}}, and the registry's content negotiation.
 */
package gt.enlace.registry.rest;
