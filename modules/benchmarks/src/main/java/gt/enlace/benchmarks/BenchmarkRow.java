package gt.enlace.benchmarks;

/**
 * One line of the benchmark table: a speed goal, how Enlace measures against it, and the baseline
 * measured in the same run. {@link BenchmarkRunner} runs the rows one after another and turns each
 * {@link RowResult} into a verdict with {@link RowSummary}.
 *
 * <p>A row measures at least {@link RunSettings#repetitions()} independent repetitions of each side,
 * interleaving Enlace and baseline so that a machine that slows down during the run hurts both sides
 * alike. Expensive shared fixtures (the embedded broker) come from the {@link BenchmarkContext}, so
 * every row that needs Kafka measures against the same broker.
 *
 * <p>Adding a row (SDK publish, consume, gateway, CSV bridge, …): implement this interface and add the
 * instance to {@link BenchmarkRunner#allRows()}.
 */
public interface BenchmarkRow {

    /** Stable key used in {@code bench-results.json} and by {@code --rows}, e.g. {@code serde.serialize}. */
    String id();

    /** What is measured, as the table shows it, e.g. {@code Serde serialize, 1 KiB 17-field record}. */
    String title();

    /** Unit of both figures, e.g. {@code ops/s} or {@code req/s}. */
    String unit();

    /** What the baseline figure is, e.g. {@code raw Avro BinaryEncoder}. */
    String baseline();

    /** The goal this row checks. */
    Goal goal();

    /**
     * Measures both sides.
     *
     * @param context settings, progress output and shared fixtures of this run
     * @return one sample per repetition for Enlace and for the baseline
     * @throws Exception when the row cannot be measured; the runner reports it and goes on with the next row
     */
    RowResult run(BenchmarkContext context) throws Exception;
}
