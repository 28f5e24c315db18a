package io.gatehouse.dataplane.masking;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Which rules fired on one response and how many values each masked. Never the values. */
public final class MaskingSummary {

    /** Counted in place: a rule may fire for every record of a large body. */
    private final Map<String, int[]> counts = new HashMap<>();

    void fired(String ruleName) {
        counts.computeIfAbsent(ruleName, name -> new int[1])[0]++;
    }

    public Map<String, Integer> countsByRule() {
        Map<String, Integer> byRule = new TreeMap<>();
        counts.forEach((rule, count) -> byRule.put(rule, count[0]));
        return Collections.unmodifiableMap(byRule);
    }

    public int valuesMasked() {
        int total = 0;
        for (int[] count : counts.values()) {
            total += count[0];
        }
        return total;
    }
}
