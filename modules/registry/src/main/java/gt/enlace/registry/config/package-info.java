/**
 * Typed configuration of the registry ({@code enlace.registry.*}): one {@code @ConfigurationProperties}
 * record with every key, its unit and its default.
 */
package gt.enlace.registry.config;
