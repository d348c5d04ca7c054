/**
 * The embedded single-node KRaft broker that {@code enlace up} and every integration test run.
 */
package gt.enlace.broker;
