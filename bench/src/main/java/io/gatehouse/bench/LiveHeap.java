package io.gatehouse.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The live heap of another JVM on this machine: a full GC ({@code jcmd GC.run}), then the used heap it reports. */
public final class LiveHeap {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private LiveHeap() {
    }

    /** Bytes in use right after a full GC. */
    public static long afterFullGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher used = HEAP_USED.matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("cannot read the heap from: " + info);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroy();
            throw new IllegalStateException("jcmd " + command + " did not finish within 60 s");
        }
        return output;
    }
}
