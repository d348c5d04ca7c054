/**
 * Rows that measure the bus end to end on the run's embedded broker: SDK publishing ({@link
 * gt.enlace.benchmarks.bus.PublishRow}), consuming into specific records ({@link gt.enlace.benchmarks.bus.ConsumeRow}),
 * publish-to-handler latency ({@link gt.enlace.benchmarks.bus.LatencyRow}), the HTTP gateway
 * ({@link gt.enlace.benchmarks.bus.GatewayRow}) and the CSV bridge ({@link gt.enlace.benchmarks.bus.CsvBridgeRow}),
 * each against a baseline measured in the same run. {@link gt.enlace.benchmarks.bus.BusFixture} gives them a schema
 * registry and a catalog of fresh topics.
 */
package gt.enlace.benchmarks.bus;
