/**
 * Starting and stopping the platform's parts in the right order: {@link gt.enlace.platform.runtime.Platform}
 * runs the roles ({@link gt.enlace.platform.runtime.PlatformRole}) that
 * {@link gt.enlace.platform.runtime.PlatformSettings} names, embedded or against an existing cluster.
 */
package gt.enlace.platform.runtime;
