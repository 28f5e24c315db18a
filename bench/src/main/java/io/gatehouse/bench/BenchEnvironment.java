package io.gatehouse.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the results files say about the machine: CPU model, cores, load average, JDK. */
final class BenchEnvironment {

    private BenchEnvironment() {
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    static String jdk() {
        return System.getProperty("java.version");
    }

    /** The 1-minute load average, or "unknown". */
    static String loadAverage() {
        return loadAverages().split(" ")[0];
    }

    /** The 1-, 5- and 15-minute load averages as {@code /proc/loadavg} gives them, or "unknown". */
    static String loadAverages() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ", 4);
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return lines.stream().filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    /** The environment block of a JSON results file. */
    static Map<String, Object> json(List<String> serviceJvmOptions) {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("cpu", cpuModel());
        environment.put("cores", cores());
        environment.put("loadAverage", loadAverage());
        environment.put("jdk", jdk());
        environment.put("benchJvm", ManagementFactory.getRuntimeMXBean().getVmName());
        environment.put("serviceJvmOptions", serviceJvmOptions);
        return environment;
    }
}
