/** The subcommands of the {@code enlace} command line. */
package gt.enlace.platform.cli;
