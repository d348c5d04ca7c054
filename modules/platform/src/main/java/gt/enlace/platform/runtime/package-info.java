/** Starting and stopping the platform's parts in the right order. */
package gt.enlace.platform.runtime;
