/**
 * The <b>synthetic</b> pilot that {@code enlace demo} seeds: a deterministic plan ({@link SyntheticPilot}) of
 * survey responses for two rounds, bus publications per channel and declared manual exchanges for about fifteen
 * real Guatemalan institutions of the catalog. Nothing in it is real data; everything it produces says so
 * (respondent {@value gt.enlace.survey.pilot.SyntheticPilot#RESPONDENT}, source system
 * {@value gt.enlace.survey.pilot.SyntheticPilot#SOURCE_SYSTEM}, descriptions starting with
 * {@value gt.enlace.survey.pilot.SyntheticPilot#DESCRIPTION_PREFIX}). See {@code docs/maturity.md}, "The synthetic
 * pilot".
 */
package gt.enlace.survey.pilot;
