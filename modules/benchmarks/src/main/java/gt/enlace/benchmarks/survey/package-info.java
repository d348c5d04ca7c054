/**
 * The survey's row: the observed-metrics Kafka Streams topology ({@link gt.enlace.benchmarks.survey.SurveyTopologyRow}).
 */
package gt.enlace.benchmarks.survey;
