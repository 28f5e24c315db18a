package io.gatehouse.dataplane.audit;

import io.gatehouse.proto.audit.v1.AuditEvent;
import io.gatehouse.proto.audit.v1.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditSpoolTest {

    private static final AuditSpool.Settings SETTINGS =
            new AuditSpool.Settings(SyncPolicy.NONE, Duration.ofMillis(50), 1 << 20, 1 << 24, 1 << 23);

    @TempDir
    Path dir;

    @Test
    void outcomesAreReadBackInOrderWithSequenceNumbers() throws IOException {
        try (AuditSpool spool = AuditSpool.open(dir, SETTINGS)) {
            spool.appendStart(start("r1")).join();
            spool.appendOutcome(outcome("r1"));
            spool.appendOutcome(outcome("r2")); // refused before admission: no start
            List<AuditSpool.Pending> pending = spool.unacknowledged(1, 10);
            assertEquals(List.of(1L, 2L), pending.stream().map(AuditSpool.Pending::sequence).toList());
            assertEquals(List.of("r1", "r2"), pending.stream().map(p -> p.event().getRequestId()).toList());
            assertEquals(0, spool.openCalls());
        }
        try (AuditSpool reopened = AuditSpool.open(dir, SETTINGS)) {
            List<AuditSpool.Pending> pending = reopened.unacknowledged(1, 10);
            assertEquals(List.of("r1", "r2"), pending.stream().map(p -> p.event().getRequestId()).toList());
            assertEquals(Decision.DECISION_ALLOWED, pending.get(0).event().getDecision());
            assertEquals(1, reopened.unacknowledged(2, 10).size());
        }
    }

    @Test
    void sequencesContinueAfterARestartAndAcknowledgedEventsAreNotSentAgain() throws IOException {
        try (AuditSpool spool = AuditSpool.open(dir, SETTINGS)) {
            for (int i = 0; i < 5; i++) {
                spool.appendOutcome(outcome("r" + i));
            }
            spool.acknowledge(3);
        }
        try (AuditSpool spool = AuditSpool.open(dir, SETTINGS)) {
            assertEquals(3, spool.acknowledgedSequence());
            assertEquals(5, spool.lastSequence());
            assertEquals(4, spool.firstUnacknowledged());
            spool.appendOutcome(outcome("r5"));
            assertEquals(List.of(4L, 5L, 6L), spool.unacknowledged(0, 10).stream().map(AuditSpool.Pending::sequence).toList());
            spool.acknowledge(6);
            assertEquals(0, spool.backlog());
        }
        try (AuditSpool spool = AuditSpool.open(dir, SETTINGS)) {
            assertEquals(0, spool.backlog());
            assertEquals(7, spool.firstUnacknowledged(), "sequence numbers survive even when every segment is gone");
        }
    }

    @Test
    void aTornLastRecordIsTruncatedAndTheRestKept() throws IOException {
        try (AuditSpool spool = AuditSpool.open(dir, SETTINGS)) {
            spool.appendOutcome(outcome("kept-1"));
            spool.appendOutcome(outcome("kept-2"));
            spool.appendOutcome(outcome("torn"));
        }
        Path segment = onlySegment();
        long size = Files.size(segment);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(size - 5); // the process died in the middle of the last write
        }
        try (AuditSpool spool = AuditSpool.open(dir, SETTINGS)) {
            assertEquals(List.of("kept-1", "kept-2"), requestIds(spool));
            assertEquals(2, spool.lastSequence());
            spool.appendOutcome(outcome("after"));
            assertEquals(List.of("kept-1", "kept-2", "after"), requestIds(spool));
        }
        try (AuditSpool spool = AuditSpool.open(dir, SETTINGS)) {
            assertEquals(List.of("kept-1", "kept-2", "after"), requestIds(spool), "the repaired spool reads cleanly");
        }
    }

    @Test
    void aTornHeaderIsTruncated() throws IOException {
        try (AuditSpool spool = AuditSpool.open(dir, SETTINGS)) {
            spool.appendOutcome(outcome("kept"));
        }
        Path segment = onlySegment();
        long size = Files.size(segment);
        Files.write(segment, new byte[] {0, 0, 1}, java.nio.file.StandardOpenOption.APPEND);
        try (AuditSpool spool = AuditSpool.open(dir, SETTINGS)) {
            assertEquals(List.of("kept"), requestIds(spool));
        }
        assertEquals(size, Files.size(segment));
    }

    @Test
    void aRecordWithABadChecksumIsDetected() throws IOException {
        try (AuditSpool spool = AuditSpool.open(dir, SETTINGS)) {
            spool.appendOutcome(outcome("good"));
            spool.appendOutcome(outcome("corrupt"));
        }
        Path segment = onlySegment();
        long size = Files.size(segment);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(size - 3); // one flipped byte in the last payload
            int b = file.read();
            file.seek(size - 3);
            file.write(b ^ 0x40);
        }
        try (AuditSpool spool = AuditSpool.open(dir, SETTINGS)) {
            assertEquals(List.of("good"), requestIds(spool));
        }
    }

    @Test
    void aBadLengthIsDetected() throws IOException {
        try (AuditSpool spool = AuditSpool.open(dir, SETTINGS)) {
            spool.appendOutcome(outcome("good"));
        }
        Path segment = onlySegment();
        Files.write(segment, new byte[] {(byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0, 1, 2, 3},
                java.nio.file.StandardOpenOption.APPEND);
        try (AuditSpool spool = AuditSpool.open(dir, SETTINGS)) {
            assertEquals(List.of("good"), requestIds(spool));
        }
    }

    @Test
    void aCallUnderWayWhenTheProcessDiedIsReportedOnceAsInterrupted() throws IOException {
        AuditEvent start = start("mid-call");
        try (AuditSpool spool = AuditSpool.open(dir, SETTINGS)) {
            spool.appendStart(start("finished")).join();
            spool.appendStart(start).join();
            spool.appendOutcome(outcome("finished"));
            assertEquals(1, spool.openCalls());
        }
        try (AuditSpool spool = AuditSpool.open(dir, SETTINGS)) {
            List<AuditSpool.Pending> pending = spool.unacknowledged(0, 10);
            assertEquals(List.of("finished", "mid-call"), pending.stream().map(p -> p.event().getRequestId()).toList());
            AuditEvent interrupted = pending.get(1).event();
            assertEquals(Decision.DECISION_ERROR, interrupted.getDecision());
            assertEquals(start.getEventId(), interrupted.getEventId());
            assertEquals("deploy-bot", interrupted.getIdentity());
            assertEquals(0, spool.openCalls());
        }
        try (AuditSpool spool = AuditSpool.open(dir, SETTINGS)) {
            assertEquals(List.of("finished", "mid-call"), requestIds(spool), "recovery does not add it twice");
        }
    }

    @Test
    void acknowledgedSegmentsAreDeletedButNotOnesWithACallStillUnderWay() throws IOException {
        AuditSpool.Settings small = new AuditSpool.Settings(SyncPolicy.NONE, Duration.ofMillis(50), 300, 1 << 24, 1 << 23);
        try (AuditSpool spool = AuditSpool.open(dir, small)) {
            spool.appendStart(start("long-call")).join();
            for (int i = 0; i < 20; i++) {
                spool.appendOutcome(outcome("r" + i));
            }
            assertTrue(spool.segmentCount() > 3, "small segments roll: " + spool.segmentCount());
            spool.acknowledge(spool.lastSequence());
            assertTrue(spool.segmentCount() > 3, "the first segment holds a call under way, so nothing after it goes");
            spool.appendOutcome(outcome("long-call"));
            spool.acknowledge(spool.lastSequence());
            assertEquals(1, spool.segmentCount(), "only the active segment is left");
            assertEquals(1, segmentFiles().size());
            assertEquals(Long.toString(spool.lastSequence()), Files.readString(dir.resolve(AuditSpool.CHECKPOINT_FILE)).trim());
        }
    }

    @Test
    void refusesNewCallsFromTheHighWaterMarkUntilBelowTheLowWaterMark() throws IOException {
        int eventBytes = AuditSpool.HEADER_BYTES + 9 + outcome("r00").getSerializedSize();
        AuditSpool.Settings marks = new AuditSpool.Settings(SyncPolicy.NONE, Duration.ofMillis(50), 1 << 20,
                10L * eventBytes, 4L * eventBytes);
        try (AuditSpool spool = AuditSpool.open(dir, marks)) {
            for (int i = 0; i < 10; i++) {
                spool.appendOutcome(outcome("r" + (10 + i)));
            }
            assertTrue(spool.refusing());
            ExecutionException refused = assertThrows(ExecutionException.class, () -> spool.appendStart(start("x")).get());
            assertInstanceOf(AuditUnavailableException.class, refused.getCause());

            spool.acknowledge(5); // 5 left: above the low-water mark, still refusing
            assertTrue(spool.refusing());
            spool.acknowledge(6); // 4 left: admitted again
            assertFalse(spool.refusing());
            spool.appendStart(start("y")).join();
            assertEquals(1, spool.openCalls());
        }
    }

    @Test
    void aSpoolThatCannotBeWrittenRefusesCallsAndKeepsOutcomesUntilItCan() throws Exception {
        try (AuditSpool spool = AuditSpool.open(dir, SETTINGS)) {
            spool.appendOutcome(outcome("before"));
            forceRoll(spool); // the next write needs a new segment file...
            Path away = dir.resolveSibling(dir.getFileName() + "-away");
            Files.move(dir, away);
            Files.writeString(dir, "not a directory"); // ...which cannot be created (as for a full disk, also as root)
            try {
                spool.appendOutcome(outcome("during"));
                assertTrue(spool.refusing());
                ExecutionException refused = assertThrows(ExecutionException.class, () -> spool.appendStart(start("x")).get());
                assertInstanceOf(AuditUnavailableException.class, refused.getCause());
            } finally {
                Files.delete(dir);
                Files.move(away, dir);
            }
            spool.appendStart(start("after")).get(5, TimeUnit.SECONDS);
            assertFalse(spool.refusing());
            assertEquals(List.of("before", "during"), requestIds(spool));
        }
        try (AuditSpool spool = AuditSpool.open(dir, SETTINGS)) {
            assertEquals(List.of("before", "during", "after"), requestIds(spool), "\"after\" was admitted and then interrupted");
        }
    }

    @Test
    void syncAlwaysCompletesTheStartOnlyAfterItIsForced() throws Exception {
        AuditSpool.Settings always = new AuditSpool.Settings(SyncPolicy.ALWAYS, Duration.ofMillis(50), 1 << 20, 1 << 24, 1 << 23);
        try (AuditSpool spool = AuditSpool.open(dir, always)) {
            List<CompletableFuture<Void>> starts = Stream.of("a", "b", "c").map(id -> spool.appendStart(start(id))).toList();
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertEquals(3, spool.openCalls());
        }
    }

    @Test
    void aSecondSpoolOnTheSameDirectoryIsRefused() throws IOException {
        try (AuditSpool spool = AuditSpool.open(dir, SETTINGS)) {
            IOException refused = assertThrows(IOException.class, () -> AuditSpool.open(dir, SETTINGS));
            assertTrue(refused.getMessage().contains("in use by another process"), refused.getMessage());
        }
        AuditSpool.open(dir, SETTINGS).close(); // free again once closed
    }

    // ---- helpers

    /** Makes the spool open a new segment at the next write (segment size 1 byte). */
    private static void forceRoll(AuditSpool spool) throws Exception {
        java.lang.reflect.Field settings = AuditSpool.class.getDeclaredField("settings");
        settings.setAccessible(true);
        AuditSpool.Settings current = (AuditSpool.Settings) settings.get(spool);
        settings.set(spool, new AuditSpool.Settings(current.sync(), current.syncInterval(), 1, current.highWaterBytes(),
                current.lowWaterBytes()));
    }

    private List<String> requestIds(AuditSpool spool) {
        return spool.unacknowledged(0, 1000).stream().map(p -> p.event().getRequestId()).toList();
    }

    private Path onlySegment() throws IOException {
        List<Path> segments = segmentFiles();
        assertEquals(1, segments.size(), () -> "segments: " + segments);
        return segments.get(0);
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().collect(Collectors.toList());
        }
    }

    private static AuditEvent start(String requestId) {
        return AuditEvents.start(new CallStart(requestId, Instant.now(), "deploy-bot", "demo", "GET", "/demo/customers/42"), "dp-test");
    }

    /** Fixed, so that every outcome with a same-length request id has the same encoded size. */
    private static final Instant OUTCOME_TIME = Instant.parse("2026-11-29T12:00:00.123456789Z");

    private static AuditEvent outcome(String requestId) {
        return AuditEvents.outcome(new CallRecord(UUID.randomUUID().toString(), requestId, OUTCOME_TIME, "deploy-bot",
                "demo", "GET", "/demo/customers/42", CallDecision.ALLOWED, null, null, 200, Duration.ofMillis(3),
                Map.of("ssn", 1)), "dp-test");
    }
}
