/** Logging tweaks for the command line: keep Kafka's known, harmless noise out of users' terminals. */
package gt.enlace.platform.logging;
