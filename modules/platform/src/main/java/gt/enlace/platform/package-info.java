/** The runnable Enlace platform and its command line entry point, {@link gt.enlace.platform.EnlaceCli}. */
package gt.enlace.platform;
