/**
 * Closed-loop HTTP load generation for the end-to-end rows: persistent keep-alive clients (a minimal
 * raw-socket one and one on {@code java.net.http.HttpClient}), targets with expected bodies, and
 * {@link gt.enlace.benchmarks.http.HttpLoad}, which counts only correct answers.
 */
package gt.enlace.benchmarks.http;
