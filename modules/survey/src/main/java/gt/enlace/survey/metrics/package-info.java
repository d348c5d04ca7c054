/**
 * Observed metrics: a Kafka Streams topology ({@link gt.enlace.survey.metrics.ObservedMetricsTopology}) that reads
 * every catalog topic and its dead-letter topic as raw bytes, looks only at headers and timestamps (plus the
 * manual exchange log's records count), and keeps per institution and period the counts of
 * {@link gt.enlace.survey.metrics.PeriodMetrics} in a state store backed by a changelog topic, so a restart resumes
 * with the same numbers. {@link gt.enlace.survey.metrics.ObservedMetricsService} runs it and answers queries.
 */
package gt.enlace.survey.metrics;
