/** {@code enlace demo}: sample events published and read back through the whole platform. */
package gt.enlace.platform.demo;
