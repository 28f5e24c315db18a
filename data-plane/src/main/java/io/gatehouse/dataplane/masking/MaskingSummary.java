package io.gatehouse.dataplane.masking;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Which rules fired on one response and how many values each masked. Never the values. */
public final class MaskingSummary {

    private final Map<String, Integer> counts = new TreeMap<>();

    void fired(String ruleName) {
        counts.merge(ruleName, 1, Integer::sum);
    }

    public Map<String, Integer> countsByRule() {
        return Collections.unmodifiableMap(counts);
    }

    public int valuesMasked() {
        int total = 0;
        for (int count : counts.values()) {
            total += count;
        }
        return total;
    }
}
