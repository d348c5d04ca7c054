/** The publishing commands: {@code enlace publish-csv} (the CSV bridge) and {@code enlace template}. */
package gt.enlace.platform.cli.publish;
