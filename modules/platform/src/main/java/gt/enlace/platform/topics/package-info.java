/** Keeps the cluster's topics in line with the topic catalog and reports what they hold. */
package gt.enlace.platform.topics;
