/**
 * The evaluator side of Enlace: how mature is each institution's data exchange, as it declares it in the
 * interoperability survey and as the bus observes it.
 *
 * <ul>
 *   <li>{@link gt.enlace.survey.instrument}: the versioned questionnaire, loaded from a YAML data file;</li>
 *   <li>{@link gt.enlace.survey.scoring}: item → dimension score 0–100 → level 1–5 (docs/maturity.md);</li>
 *   <li>{@link gt.enlace.survey.responses}: declared responses, validated, published as Avro events, read back;</li>
 *   <li>{@link gt.enlace.survey.exchanges}: the manual exchange log;</li>
 *   <li>{@link gt.enlace.survey.metrics}: observed metrics computed by Kafka Streams from the bus's headers;</li>
 *   <li>{@link gt.enlace.survey.web}: the HTTP API under {@code /api/v1/survey}.</li>
 * </ul>
 */
package gt.enlace.survey;
