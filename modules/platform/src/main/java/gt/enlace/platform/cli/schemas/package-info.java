/**
 * {@code enlace schemas}: list the registry's subjects, show a version, explain the difference between two
 * versions, and check local {@code .avsc} files against the registry before deploying them.
 */
package gt.enlace.platform.cli.schemas;
