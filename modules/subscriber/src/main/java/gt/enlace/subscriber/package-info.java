/**
 * The integrator side of Enlace: typed subscriptions that never lose a record and are never stopped
 * by one.
 *
 * <ul>
 *   <li>{@link gt.enlace.subscriber.EventSubscriber}: a plain-Java subscriber loop (no Spring) with
 *       Enlace's error policy: a record that cannot be deserialised goes to {@code <topic>.dlt} at once,
 *       a handler failure is retried with back-off and then dead-lettered, offsets are committed after
 *       processing.</li>
 *   <li>{@link gt.enlace.subscriber.EventMetadata}: the CloudEvents headers and Kafka coordinates of an
 *       event, handed to handlers and resolvable as a {@code @KafkaListener} method argument.</li>
 *   <li>{@link gt.enlace.subscriber.DeadLetterHeaders} and {@link gt.enlace.subscriber.DeadLetter}: what a
 *       dead letter carries and how to read and replay it.</li>
 *   <li>{@link gt.enlace.subscriber.IdempotencyGuard}: an opt-in guard that skips events a consumer group
 *       already handled, stored in a compacted topic.</li>
 *   <li>{@link gt.enlace.subscriber.Replay}: positioning a consumer at a timestamp, the beginning, or
 *       given offsets.</li>
 *   <li>{@link gt.enlace.subscriber.SubscriberProperties}: the {@code enlace.subscriber.*} keys of the
 *       Spring Boot auto-configuration in {@code gt.enlace.subscriber.spring}.</li>
 * </ul>
 */
package gt.enlace.subscriber;
