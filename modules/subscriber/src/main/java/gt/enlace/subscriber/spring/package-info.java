/**
 * Spring Boot auto-configuration of Enlace subscribers: the consumer factory with
 * {@code ErrorHandlingDeserializer} around Enlace's Avro deserializer, the
 * {@code kafkaListenerContainerFactory} with a {@code DefaultErrorHandler} that retries handler
 * failures with back-off and dead-letters to {@code <topic>.dlt}, the {@code EventMetadata} listener
 * argument and the opt-in idempotency guard. See {@link gt.enlace.subscriber.spring.EnlaceSubscriberAutoConfiguration}.
 */
package gt.enlace.subscriber.spring;
