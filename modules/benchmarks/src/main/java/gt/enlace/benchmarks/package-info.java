/**
 * Enlace's benchmark harness: {@link gt.enlace.benchmarks.BenchmarkRunner} runs every
 * {@link gt.enlace.benchmarks.BenchmarkRow} against its baseline in the same run, repeats each side, and
 * reports medians, spreads, ratios and verdicts as a table, {@code bench-results.json} and
 * {@code bench-results.md}. Rows share fixtures, such as one embedded broker, through
 * {@link gt.enlace.benchmarks.BenchmarkContext}.
 */
package gt.enlace.benchmarks;
