/**
 * {@code enlace demo}: sample events published and read back through the whole platform ({@link
 * gt.enlace.platform.demo.DemoRun}), then the synthetic pilot seeded through the survey API, the SDK, the gateway and
 * the CSV bridge ({@link gt.enlace.platform.demo.PilotSeeder}).
 */
package gt.enlace.platform.demo;
