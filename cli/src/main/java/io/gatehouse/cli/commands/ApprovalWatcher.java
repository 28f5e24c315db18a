package io.gatehouse.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Polls the pending approvals and hands on only those it has not handed on before. */
final class ApprovalWatcher {

    private final Supplier<JsonNode> pending;
    private final Consumer<ArrayNode> printNew;
    private final Set<String> seen = new HashSet<>();

    ApprovalWatcher(Supplier<JsonNode> pending, Consumer<ArrayNode> printNew) {
        this.pending = pending;
        this.printNew = printNew;
    }

    /** Polls once; hands on the new approvals (also none, when {@code handOnEmpty}). Returns how many were new. */
    int pollOnce(boolean handOnEmpty) {
        ArrayNode fresh = JsonNodeFactory.instance.arrayNode();
        for (JsonNode approval : pending.get()) {
            if (seen.add(approval.path("id").asText())) {
                fresh.add(approval);
            }
        }
        if (!fresh.isEmpty() || handOnEmpty) {
            printNew.accept(fresh);
        }
        return fresh.size();
    }

    /** Polls until the thread is interrupted (Ctrl-C ends the process). */
    void run(Duration interval) throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            pollOnce(false);
            Thread.sleep(interval.toMillis());
        }
    }
}
