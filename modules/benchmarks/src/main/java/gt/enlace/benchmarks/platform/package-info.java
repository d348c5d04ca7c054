/**
 * Rows about the platform process itself: how long {@code enlace up} takes to become healthy and how much
 * memory it holds when idle, measured by running the launcher as a user would.
 */
package gt.enlace.benchmarks.platform;
