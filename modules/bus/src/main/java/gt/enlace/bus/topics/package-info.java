/**
 * Topic names on the bus: {@code gt.<institution>.<event>.v<N>} for event topics, {@code <topic>.dlt}
 * for their dead letters, {@code _enlace.} for the platform's internal topics. See
 * {@link gt.enlace.bus.topics.Topics}. {@link gt.enlace.bus.topics.TopicStatistics} counts what topics hold.
 */
package gt.enlace.bus.topics;
