/**
 * What Enlace's HTTP APIs share without depending on Spring or the servlet API: the JSON error body
 * {@link gt.enlace.bus.http.ApiError}.
 */
package gt.enlace.bus.http;
