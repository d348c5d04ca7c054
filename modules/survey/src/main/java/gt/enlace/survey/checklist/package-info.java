/**
 * The maturity checklist: the steps that move an institution one maturity level up, derived from its latest
 * survey answers (weakest dimension first) and its observed traffic, each ticked automatically when the bus sees
 * it done. The rules are data ({@code survey/checklist-v1.yaml}); {@link gt.enlace.survey.checklist.MaturityChecklist}
 * applies them and {@link gt.enlace.survey.checklist.ChecklistController} serves
 * {@code GET /api/v1/survey/institutions/{code}/checklist}.
 */
package gt.enlace.survey.checklist;
