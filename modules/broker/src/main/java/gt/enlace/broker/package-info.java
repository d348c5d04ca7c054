/**
 * The embedded single-node KRaft broker that {@code enlace up} and every integration test run, and
 * {@link gt.enlace.broker.EmbeddedCluster}, several such nodes forming one replicated cluster for
 * fail-over tests without Docker (a node can run in a child JVM, so that a test can kill it abruptly).
 */
package gt.enlace.broker;
