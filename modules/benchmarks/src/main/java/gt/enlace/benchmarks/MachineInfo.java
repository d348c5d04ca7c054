package gt.enlace.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The machine a run measured on, printed at the top of the table and kept with the results: figures mean
 * little without it.
 *
 * @param cores          processors available to the JVM
 * @param cpuModel       the CPU's model name, or {@code unknown}
 * @param memoryBytes    physical memory, or {@code -1} when unknown
 * @param jdk            JVM name, vendor and version
 * @param os             operating system name, version and architecture
 * @param maxHeapBytes   this JVM's maximum heap
 * @param gc             this JVM's garbage collectors
 * @param loadAverage    the system load average over the last minute when the run started ({@code -1} if unknown);
 *                       above the number of cores, other work competes with the benchmark
 */
public record MachineInfo(int cores, String cpuModel, long memoryBytes, String jdk, String os, long maxHeapBytes,
                          String gc, double loadAverage) {

    /** Describes this machine now. */
    public static MachineInfo current() {
        long memory = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize();
        }
        String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
            + " (" + System.getProperty("java.vm.vendor") + ")";
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch");
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), readCpuModel(), memory, jdk, os,
            Runtime.getRuntime().maxMemory(), String.join("/", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName).toList()),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String readCpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try (Stream<String> lines = Files.lines(cpuinfo)) {
                return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
            } catch (IOException | java.io.UncheckedIOException e) {
                return "unknown";
            }
        }
        return "unknown";
    }

    /** One line, e.g. {@code 2 cores (Intel Xeon …), 23.5 GiB memory, OpenJDK 64-Bit Server VM 17.0.15, Linux …}. */
    public String describe() {
        return String.format(Locale.ROOT, "%d cores (%s), %s memory, %s, %s, max heap %s (%s), load average %s at start",
            cores, cpuModel, gib(memoryBytes), jdk, os, gib(maxHeapBytes), gc,
            loadAverage < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", loadAverage));
    }

    /** The fields as a map, for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("cores", cores);
        map.put("cpuModel", cpuModel);
        map.put("memoryBytes", memoryBytes);
        map.put("jdk", jdk);
        map.put("os", os);
        map.put("maxHeapBytes", maxHeapBytes);
        map.put("gc", gc);
        map.put("loadAverageAtStart", loadAverage);
        return map;
    }

    private static String gib(long bytes) {
        return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
