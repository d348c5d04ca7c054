/**
 * The manual exchange log: an institution declares an exchange that happened outside the bus ("sent 40 birth
 * certificates to MINEDUC on paper"); {@link gt.enlace.survey.exchanges.ManualExchangeValidator} checks it before
 * it is published on {@value gt.enlace.survey.SurveyTopics#MANUAL_EXCHANGES}.
 */
package gt.enlace.survey.exchanges;
