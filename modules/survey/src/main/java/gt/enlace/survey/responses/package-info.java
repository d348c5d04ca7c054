/**
 * Declared responses: {@link gt.enlace.survey.responses.ResponseValidator} checks a submission against the
 * instrument and the catalog's institutions; {@link gt.enlace.survey.responses.ResponseCsvImporter} and
 * {@link gt.enlace.survey.responses.ResponseCsvTemplate} are the spreadsheet route;
 * {@link gt.enlace.survey.responses.SurveyPublisher} puts responses (and manual-exchange declarations) on the bus
 * as Avro events; {@link gt.enlace.survey.responses.ResponseView} reads them back into memory, latest per
 * institution and round, with the full history.
 */
package gt.enlace.survey.responses;
