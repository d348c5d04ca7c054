/**
 * {@code enlace sandbox}: throwaway practice topics for an institution ({@code sandbox.<institution>.<event>.v<N>},
 * copies of its catalog topics with short retention and their subjects registered), isolated from real data, and
 * their removal with {@code --drop}.
 */
package gt.enlace.platform.cli.sandbox;
