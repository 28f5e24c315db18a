package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.AuditRetentionCut;
import io.gatehouse.controlplane.security.SigningKeys;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Walks the retention cuts of one chain alongside its retained events: before each event, the cuts of the events
 * before it are taken (their signatures checked), so the verifier knows which missing events retention dropped and
 * which hash the next retained event must link to.
 */
final class RetentionCutCursor {

    private final Deque<AuditRetentionCut> pending;
    private final SigningKeys keys;
    private int taken;
    private long dropped;

    RetentionCutCursor(List<AuditRetentionCut> cuts, SigningKeys keys) {
        this.pending = new ArrayDeque<>(cuts);
        this.keys = keys;
    }

    /**
     * Takes every cut that ends before {@code beforeSeq}, in order, starting at {@code expectedSeq}; reports events
     * missing between cuts, overlaps and bad signatures. Answers the position after the last cut taken, or null when
     * none was taken.
     */
    Position takeBefore(long beforeSeq, long expectedSeq, Consumer<String> problems, CutListener listener) {
        Position position = null;
        long expected = expectedSeq;
        while (!pending.isEmpty() && pending.peek().lastSeq() < beforeSeq) {
            AuditRetentionCut cut = pending.poll();
            if (!keys.verify(cut.kid(), cut.signedBytes(), cut.signature())) {
                problems.accept("the retention cut of events " + cut.firstSeq() + " to " + cut.lastSeq()
                        + " has no valid signature");
            }
            if (cut.firstSeq() > expected) {
                problems.accept("events " + expected + " to " + (cut.firstSeq() - 1) + " are missing (deleted)");
            } else if (cut.firstSeq() < expected) {
                problems.accept("the retention cut of events " + cut.firstSeq() + " to " + cut.lastSeq()
                        + " overlaps events that are stored or cut already");
            }
            listener.taken(cut);
            taken++;
            dropped += cut.events();
            expected = cut.lastSeq() + 1;
            position = new Position(cut.lastSeq() + 1, cut.lastHash());
        }
        return position;
    }

    int taken() {
        return taken;
    }

    long dropped() {
        return dropped;
    }

    /** The next expected sequence number and the hash its event must link to. */
    record Position(long expectedSeq, byte[] previousHash) {
    }

    interface CutListener {
        void taken(AuditRetentionCut cut);
    }
}
