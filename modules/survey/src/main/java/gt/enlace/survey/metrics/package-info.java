/**
 * Observed metrics: a Kafka Streams topology ({@link gt.enlace.survey.metrics.ObservedMetricsTopology}) that reads
 * every catalog topic and its dead-letter topic as raw bytes, looks only at headers and timestamps (plus the
 * manual exchange log's records count), and keeps per institution and period the counts of
 * {@link gt.enlace.survey.metrics.PeriodMetrics} in a state store backed by a changelog topic, so a restart resumes
 * with the same numbers. It also reads the {@link gt.enlace.survey.metrics.SubscriptionSampler}'s samples (consumer
 * groups whose committed offsets advanced: active subscriptions) and the data-sharing agreements
 * ({@link gt.enlace.survey.metrics.AgreementSpan}, counted per period as
 * {@link gt.enlace.survey.metrics.AgreementsInForce}). {@link gt.enlace.survey.metrics.ObservedMetricsService} runs
 * it and answers queries.
 */
package gt.enlace.survey.metrics;
