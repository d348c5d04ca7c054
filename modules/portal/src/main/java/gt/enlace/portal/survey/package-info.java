/**
 * The survey's web forms: the interoperability questionnaire and the manual exchange log. They submit through the
 * survey module's submission path and show its per-field errors next to the fields.
 */
package gt.enlace.portal.survey;
