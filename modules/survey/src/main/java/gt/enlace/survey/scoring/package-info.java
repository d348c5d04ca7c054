/**
 * The maturity model of docs/maturity.md: {@link gt.enlace.survey.scoring.Scorer} turns declared answers into
 * dimension scores 0–100 and {@link gt.enlace.survey.scoring.MaturityLevel levels} 1–5;
 * {@link gt.enlace.survey.scoring.ObservedScoring} puts what the bus observes on the same scale.
 */
package gt.enlace.survey.scoring;
