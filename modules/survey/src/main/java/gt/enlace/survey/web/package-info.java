/**
 * The survey's HTTP API under {@code /api/v1/survey}, for the dashboard and for agencies:
 * {@link gt.enlace.survey.web.SurveyConfiguration} wires it into a Spring Boot web application (the platform
 * imports it); errors are {@code {"code","message","errors":[{"path","code","message"}]}} with the codes of
 * {@link gt.enlace.survey.SurveyError}.
 */
package gt.enlace.survey.web;
