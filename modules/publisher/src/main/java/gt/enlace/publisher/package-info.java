/**
 * The Enlace publisher SDK: {@link gt.enlace.publisher.EventPublisher}, configured by
 * {@link gt.enlace.publisher.PublisherConfig}, publishes validated Avro events with CloudEvents headers and returns
 * {@link gt.enlace.publisher.PublishReceipt}s once Kafka acknowledged; failures are
 * {@link gt.enlace.publisher.PublishException}s with a stable {@link gt.enlace.publisher.PublishError}. Plain Java:
 * no Spring needed.
 */
package gt.enlace.publisher;
