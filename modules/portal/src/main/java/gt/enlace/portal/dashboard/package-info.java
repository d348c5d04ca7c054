/**
 * The evaluators' dashboard: national overview, ranking, per-institution pages, the exchange network and a
 * printable report, with every table exported as CSV and JSON and charts drawn (by the vendored Chart.js) from the
 * tables themselves. Numbers come from the survey module; this package only lays them out.
 */
package gt.enlace.portal.dashboard;
