/** Implementation details of the publisher; not API. */
package gt.enlace.publisher.internal;
