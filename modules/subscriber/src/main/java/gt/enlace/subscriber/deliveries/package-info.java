/**
 * Delivery status ("7 of 7 subscribers delivered"): for a topic, every consumer group that has
 * committed offsets on it, with its lag and the time of the last record it consumed.
 * {@link gt.enlace.subscriber.deliveries.DeliveryStatus} is plain Java;
 * {@link gt.enlace.subscriber.deliveries.DeliveriesConfiguration} serves it at
 * {@code GET /api/v1/topics/{topic}/deliveries}.
 */
package gt.enlace.subscriber.deliveries;
