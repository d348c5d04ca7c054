/**
 * The questionnaire: {@link gt.enlace.survey.instrument.Instrument} with its dimensions and items, loaded
 * from a versioned YAML file by {@link gt.enlace.survey.instrument.InstrumentLoader}. Each
 * {@link gt.enlace.survey.instrument.Item} knows how to read an answer ({@link gt.enlace.survey.instrument.Item#read}).
 */
package gt.enlace.survey.instrument;
