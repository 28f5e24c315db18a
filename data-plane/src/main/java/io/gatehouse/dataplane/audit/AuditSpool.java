package io.gatehouse.dataplane.audit;

import com.google.protobuf.InvalidProtocolBufferException;
import io.gatehouse.proto.audit.v1.AuditEvent;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * The data plane's durable, append-only audit spool: segment files {@code segment-<n>.log} in one
 * directory, each a sequence of records {@code [int length][int CRC32C of payload][payload]},
 * payload = {@code [byte kind][long sequence][AuditEvent protobuf]}.
 * <p>
 * Two kinds of record:
 * <ul>
 * <li>START — written when a call is admitted, before anything is forwarded. Never shipped.</li>
 * <li>OUTCOME — the call's audit event, numbered with the next shipping sequence number.</li>
 * </ul>
 * A START whose OUTCOME is missing when the spool is opened belongs to a call that was under way
 * when the process died; recovery appends an ERROR outcome for it ({@link AuditEvents#interrupted}),
 * so every admitted call is reported exactly once.
 * <p>
 * The control plane acknowledges sequence numbers cumulatively; the highest one is kept in the
 * checkpoint file {@code acked} (replaced atomically). Segments are deleted oldest first once every
 * outcome in them is acknowledged and every start in them has its outcome written, so the spool
 * always holds each open start together with everything written after it. Outcomes not yet
 * acknowledged are also held in memory, serialized, for shipping (bounded by the high-water mark).
 * <p>
 * Thread safety: every method may be called from any thread. Appends are short writes to the
 * operating system under one lock; forcing to the device happens on the spool's own sync thread.
 */
public final class AuditSpool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AuditSpool.class);

    static final byte START = 1;
    static final byte OUTCOME = 2;
    static final int HEADER_BYTES = SpoolRecord.HEADER_BYTES;
    static final int MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
    static final String CHECKPOINT_FILE = "acked";
    static final String LOCK_FILE = "lock";
    /** Outcomes held in memory while the spool cannot be written; beyond this they are dropped (counted, logged). */
    static final int MAX_UNWRITTEN_OUTCOMES = 10_000;
    private static final String SEGMENT_PREFIX = "segment-";
    private static final String SEGMENT_SUFFIX = ".log";

    public record Settings(SyncPolicy sync, Duration syncInterval, long segmentBytes, long highWaterBytes,
                           long lowWaterBytes) {
        public Settings {
            if (lowWaterBytes > highWaterBytes) {
                throw new IllegalArgumentException("the audit spool's low-water mark (" + lowWaterBytes
                        + " bytes) must not exceed its high-water mark (" + highWaterBytes + " bytes)");
            }
        }
    }

    /** An outcome waiting for acknowledgement. */
    public record Pending(long sequence, AuditEvent event) {
    }

    /**
     * Held as its serialized bytes (the event from {@code eventOffset} to the end of {@code bytes}), so memory use
     * stays close to the spool's unacknowledged bytes; {@code recordBytes} is its size in the spool.
     */
    private record Unacked(byte[] bytes, int eventOffset, int recordBytes) {
        AuditEvent event() {
            return SpoolRecord.parse(bytes, eventOffset);
        }
    }

    /** An outcome record not written yet: encoded, its sequence number not assigned. */
    private record EncodedOutcome(String requestId, byte[] record) {
    }

    private record OpenStart(Segment segment, AuditEvent event, int bytes) {
    }

    private record Waiter(long token, CompletableFuture<Void> done) {
    }

    private static final class Segment {
        final long number;
        final Path path;
        long size;
        long lastOutcomeSequence;
        int openStarts;
        FileChannel channel; // only the active segment

        Segment(long number, Path path) {
            this.number = number;
            this.path = path;
        }
    }

    private final Path dir;
    private final Settings settings;
    private final Object lock = new Object();
    private final List<Segment> segments = new ArrayList<>();
    private final Map<String, OpenStart> openStarts = new LinkedHashMap<>();
    private final ConcurrentSkipListMap<Long, Unacked> unacked = new ConcurrentSkipListMap<>();
    private final Deque<EncodedOutcome> unwrittenOutcomes = new ArrayDeque<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final CRC32C crc = new CRC32C();
    private final Thread syncThread;
    private FileChannel lockChannel;
    // guarded by lock
    private Segment active;
    private long lastSequence;
    private volatile long acked;
    private long unackedBytes;
    private long writtenToken;
    private long syncedToken;
    private boolean aboveHighWater;
    private boolean writeFailing;
    private boolean closed;
    private long droppedOutcomes;

    private AuditSpool(Path dir, Settings settings) {
        this.dir = dir;
        this.settings = settings;
        this.syncThread = new Thread(this::syncLoop, "audit-spool-sync");
        this.syncThread.setDaemon(true);
    }

    /** Opens the spool in {@code dir} (created if missing), repairing a torn tail and closing interrupted calls. */
    public static AuditSpool open(Path dir, Settings settings) throws IOException {
        Files.createDirectories(dir);
        AuditSpool spool = new AuditSpool(dir, settings);
        spool.lockDirectory();
        try {
            spool.recover();
        } catch (IOException | RuntimeException e) {
            spool.releaseLock();
            throw e;
        }
        if (settings.sync() != SyncPolicy.NONE) {
            spool.syncThread.start();
        }
        return spool;
    }

    /** One process per spool: a second data plane on the same state directory would corrupt it. */
    private void lockDirectory() throws IOException {
        Path file = dir.resolve(LOCK_FILE);
        lockChannel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("the audit spool " + dir + " is in use by another process (" + file
                    + " is locked); every data plane needs its own gatehouse.data-plane.state-dir");
        }
    }

    private void releaseLock() {
        try {
            if (lockChannel != null) {
                lockChannel.close(); // releases the lock
            }
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }

    // ---- recovery

    private void recover() throws IOException {
        acked = readCheckpoint();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, SEGMENT_PREFIX + "*" + SEGMENT_SUFFIX)) {
            stream.forEach(files::add);
        }
        files.sort((a, b) -> Long.compare(segmentNumber(a), segmentNumber(b)));
        long maxSequence = acked;
        for (int i = 0; i < files.size(); i++) {
            Segment segment = new Segment(segmentNumber(files.get(i)), files.get(i));
            segments.add(segment);
            maxSequence = Math.max(maxSequence, scan(segment, i == files.size() - 1));
        }
        lastSequence = maxSequence;
        synchronized (lock) {
            if (!openStarts.isEmpty()) {
                LOG.warnf("The audit spool in %s holds %d calls that were under way when the data plane stopped; "
                        + "recording them as interrupted (decision ERROR)", dir, openStarts.size());
                try {
                    for (OpenStart open : new ArrayList<>(openStarts.values())) {
                        unwrittenOutcomes.addLast(encodeOutcome(AuditEvents.interrupted(open.event())));
                    }
                    writeUnwrittenOutcomes();
                } catch (IOException e) {
                    writeFailed(e);
                }
            }
            deleteSettledSegments();
            updateWaterMark();
        }
        if (!segments.isEmpty() || acked > 0) {
            LOG.infof("Audit spool %s opened: %d segments, sequence %d, acknowledged up to %d, %d events to ship",
                    dir, segments.size(), lastSequence, acked, unacked.size());
        }
    }

    /** Reads one segment, truncating it at the first record that is torn or corrupt; returns its highest sequence. */
    private long scan(Segment segment, boolean last) throws IOException {
        long maxSequence = 0;
        try (FileChannel channel = FileChannel.open(segment.path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long fileSize = channel.size();
            long offset = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            String problem = null;
            while (offset < fileSize) {
                if (fileSize - offset < HEADER_BYTES) {
                    problem = "an incomplete record header";
                    break;
                }
                header.clear();
                readFully(channel, header, offset);
                header.flip();
                int length = header.getInt();
                int checksum = header.getInt();
                if (length < 9 || length > MAX_PAYLOAD_BYTES) {
                    problem = "a bad record length (" + length + ")";
                    break;
                }
                if (offset + HEADER_BYTES + length > fileSize) {
                    problem = "an incomplete record (" + length + " bytes announced, " + (fileSize - offset - HEADER_BYTES) + " present)";
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                readFully(channel, payload, offset + HEADER_BYTES);
                if (checksum(payload.array()) != checksum) {
                    problem = "a record whose CRC32C does not match";
                    break;
                }
                payload.flip();
                byte kind = payload.get();
                long sequence = payload.getLong();
                AuditEvent event;
                try {
                    event = AuditEvent.parseFrom(payload);
                } catch (InvalidProtocolBufferException e) {
                    problem = "a record that is not an audit event";
                    break;
                }
                int bytes = HEADER_BYTES + length;
                if (kind == START) {
                    openStarts.put(event.getRequestId(), new OpenStart(segment, event, bytes));
                    segment.openStarts++;
                    unackedBytes += bytes;
                } else if (kind == OUTCOME) {
                    resolveStart(event.getRequestId());
                    segment.lastOutcomeSequence = Math.max(segment.lastOutcomeSequence, sequence);
                    maxSequence = Math.max(maxSequence, sequence);
                    if (sequence > acked) {
                        unacked.put(sequence, new Unacked(payload.array(), SpoolRecord.PAYLOAD_PREFIX_BYTES, bytes));
                        unackedBytes += bytes;
                    }
                } else {
                    problem = "a record of unknown kind " + kind;
                    break;
                }
                offset += bytes;
            }
            if (problem != null) {
                long dropped = fileSize - offset;
                if (last) {
                    LOG.warnf("Audit spool segment %s ends with %s at offset %d (a write cut short when the process died); "
                            + "truncating the %d bytes from there", segment.path, problem, offset, dropped);
                } else {
                    LOG.errorf("Audit spool segment %s has %s at offset %d; the %d bytes from there are unreadable and "
                            + "truncated (records in them are lost)", segment.path, problem, offset, dropped);
                }
                channel.truncate(offset);
                channel.force(true);
            }
            segment.size = offset;
        }
        return maxSequence;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private long readCheckpoint() throws IOException {
        Path file = dir.resolve(CHECKPOINT_FILE);
        if (!Files.exists(file)) {
            return 0;
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            LOG.warnf("The audit spool's checkpoint %s is unreadable ('%s'); everything in the spool is sent again "
                    + "(the control plane ignores events it already holds)", file, text);
            return 0;
        }
    }

    private static long segmentNumber(Path path) {
        String name = path.getFileName().toString();
        try {
            return Long.parseLong(name.substring(SEGMENT_PREFIX.length(), name.length() - SEGMENT_SUFFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // ---- appending

    /**
     * Records the start of a call. The returned stage completes once the record is as durable as
     * the sync policy asks (at once for {@code none} and {@code interval}); it fails with
     * {@link AuditUnavailableException} when the spool is above its high-water mark or cannot be
     * written — the call must then not be forwarded.
     */
    public CompletableFuture<Void> appendStart(AuditEvent start) {
        byte[] record;
        try {
            record = SpoolRecord.encode(START, start, MAX_PAYLOAD_BYTES);
            SpoolRecord.seal(record, 0, new CRC32C()); // a start has no sequence number: sealed off the lock
        } catch (IOException e) {
            LOG.errorf("The start of request %s cannot be recorded: %s", start.getRequestId(), e.getMessage());
            return CompletableFuture.failedFuture(new AuditUnavailableException("the audit trail cannot be written; the call was not forwarded"));
        }
        long token;
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new AuditUnavailableException("the gateway is shutting down; the call was not forwarded"));
            }
            updateWaterMark();
            if (aboveHighWater) {
                return CompletableFuture.failedFuture(new AuditUnavailableException(
                        "the audit trail cannot take more records until the control plane has received the earlier ones; "
                                + "the call was not forwarded"));
            }
            try {
                writeUnwrittenOutcomes();
                Segment segment = write(record);
                int bytes = record.length;
                openStarts.put(start.getRequestId(), new OpenStart(segment, start, bytes));
                segment.openStarts++;
                unackedBytes += bytes;
                writeSucceeded();
            } catch (IOException e) {
                writeFailed(e);
                return CompletableFuture.failedFuture(new AuditUnavailableException(
                        "the audit trail cannot be written; the call was not forwarded"));
            }
            if (settings.sync() != SyncPolicy.ALWAYS) {
                return CompletableFuture.completedFuture(null);
            }
            token = writtenToken;
            CompletableFuture<Void> done = new CompletableFuture<>();
            waiters.add(new Waiter(token, done));
            lock.notifyAll();
            return done;
        }
    }

    /**
     * Records the outcome of a call (with or without a start). Never fails the caller: if the spool
     * cannot be written the event is kept in memory and written before anything else, and new calls
     * are refused until then.
     */
    public void appendOutcome(AuditEvent outcome) {
        EncodedOutcome encoded;
        try {
            encoded = encodeOutcome(outcome);
        } catch (IOException e) {
            LOG.errorf("Audit event %s of request %s cannot be recorded and is lost: %s", outcome.getEventId(),
                    outcome.getRequestId(), e.getMessage());
            return;
        }
        synchronized (lock) {
            if (closed) {
                LOG.errorf("Audit event %s of request %s arrived after the spool was closed and is lost",
                        outcome.getEventId(), outcome.getRequestId());
                return;
            }
            if (unwrittenOutcomes.size() >= MAX_UNWRITTEN_OUTCOMES) {
                if (droppedOutcomes++ == 0) {
                    LOG.errorf("The audit spool in %s still cannot be written and %d audit events wait in memory: further "
                            + "events are dropped until it is writable (calls admitted before keep their start record and "
                            + "are reported as interrupted after a restart)", dir, unwrittenOutcomes.size());
                }
                return;
            }
            unwrittenOutcomes.addLast(encoded);
            try {
                writeUnwrittenOutcomes();
                writeSucceeded();
            } catch (IOException e) {
                writeFailed(e);
            }
            // no wake-up of the sync thread: with sync=interval it would force the segment after every outcome
            // instead of once per interval, and with sync=always only starts are awaited
        }
    }

    private static EncodedOutcome encodeOutcome(AuditEvent outcome) throws IOException {
        return new EncodedOutcome(outcome.getRequestId(), SpoolRecord.encode(OUTCOME, outcome, MAX_PAYLOAD_BYTES));
    }

    private void writeUnwrittenOutcomes() throws IOException {
        while (!unwrittenOutcomes.isEmpty()) {
            appendOutcomeLocked(unwrittenOutcomes.peekFirst());
            unwrittenOutcomes.removeFirst();
        }
    }

    private void appendOutcomeLocked(EncodedOutcome outcome) throws IOException {
        long sequence = lastSequence + 1;
        byte[] record = outcome.record();
        synchronized (crc) {
            SpoolRecord.seal(record, sequence, crc);
        }
        Segment segment = write(record);
        lastSequence = sequence;
        segment.lastOutcomeSequence = sequence;
        unacked.put(sequence, new Unacked(record, SpoolRecord.EVENT_OFFSET, record.length));
        unackedBytes += record.length;
        resolveStart(outcome.requestId());
    }

    private void resolveStart(String requestId) {
        OpenStart open = openStarts.remove(requestId);
        if (open != null) {
            open.segment().openStarts--;
            unackedBytes -= open.bytes();
        }
    }

    /** Writes one sealed record to the active segment; on failure nothing of it stays in the file. */
    private Segment write(byte[] bytes) throws IOException {
        ByteBuffer record = ByteBuffer.wrap(bytes);
        Segment segment = activeSegment();
        long position = segment.size;
        try {
            while (record.hasRemaining()) {
                segment.channel.write(record, position + record.position());
            }
        } catch (IOException e) {
            try {
                segment.channel.truncate(position);
            } catch (IOException truncateFailed) {
                // the torn tail is cut at the next start; later records go to a fresh segment
                closeQuietly(segment);
                active = null;
            }
            throw e;
        }
        segment.size = position + record.capacity();
        writtenToken++;
        return segment;
    }

    private int checksum(byte[] payload) {
        synchronized (crc) {
            crc.reset();
            crc.update(payload, 0, payload.length);
            return (int) crc.getValue();
        }
    }

    private Segment activeSegment() throws IOException {
        if (active != null && active.size >= settings.segmentBytes()) {
            if (settings.sync() != SyncPolicy.NONE) {
                active.channel.force(false); // rare: once per segment
            }
            syncedToken = writtenToken;
            closeQuietly(active);
            active = null;
            completeWaiters();
            deleteSettledSegments();
        }
        if (active == null) {
            long number = segments.isEmpty() ? 1 : segments.get(segments.size() - 1).number + 1;
            Segment segment = new Segment(number, dir.resolve(String.format("%s%016d%s", SEGMENT_PREFIX, number, SEGMENT_SUFFIX)));
            segment.channel = FileChannel.open(segment.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            if (settings.sync() != SyncPolicy.NONE) {
                forceDirectory();
            }
            segments.add(segment);
            active = segment;
        }
        return active;
    }

    private void writeSucceeded() {
        if (writeFailing) {
            writeFailing = false;
            LOG.infof("The audit spool in %s is writable again; calls are admitted", dir);
        }
        if (droppedOutcomes > 0) {
            LOG.errorf("%d audit events were dropped while the audit spool in %s could not be written", droppedOutcomes, dir);
            droppedOutcomes = 0;
        }
    }

    private void writeFailed(IOException e) {
        if (!writeFailing) {
            writeFailing = true;
            LOG.errorf("Cannot write the audit spool in %s (%s). New calls are refused with 503 until it is writable "
                    + "again: free disk space on that volume or fix its permissions (gatehouse.data-plane.state-dir). "
                    + "Records already spooled are kept and still shipped.", dir, e.toString());
        }
    }

    private void updateWaterMark() {
        if (!aboveHighWater && unackedBytes >= settings.highWaterBytes()) {
            aboveHighWater = true;
            LOG.warnf("The audit spool holds %d bytes not acknowledged by the control plane (high-water mark %d): "
                    + "new calls are refused with 503 until it drains below %d bytes", unackedBytes,
                    settings.highWaterBytes(), settings.lowWaterBytes());
        } else if (aboveHighWater && unackedBytes <= settings.lowWaterBytes()) {
            aboveHighWater = false;
            LOG.infof("The audit spool drained to %d bytes (low-water mark %d): calls are admitted again",
                    unackedBytes, settings.lowWaterBytes());
        }
    }

    // ---- syncing (own thread)

    private void syncLoop() {
        long intervalMillis = Math.max(1, settings.syncInterval().toMillis());
        while (true) {
            FileChannel channel;
            long token;
            synchronized (lock) {
                try {
                    if (settings.sync() == SyncPolicy.ALWAYS) {
                        while (!closed && waiters.isEmpty()) {
                            lock.wait(intervalMillis);
                        }
                    } else if (!closed) {
                        lock.wait(intervalMillis);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (closed) {
                    return;
                }
                if (!unwrittenOutcomes.isEmpty()) {
                    try {
                        writeUnwrittenOutcomes();
                        writeSucceeded();
                    } catch (IOException e) {
                        writeFailed(e);
                    }
                }
                if (writtenToken == syncedToken) {
                    continue;
                }
                channel = active == null ? null : active.channel;
                token = writtenToken;
            }
            IOException failure = null;
            if (channel != null) {
                try {
                    channel.force(false);
                } catch (ClosedChannelException e) {
                    // the segment was rolled, which forced it
                } catch (IOException e) {
                    failure = e;
                }
            }
            synchronized (lock) {
                if (failure != null) {
                    writeFailed(failure);
                    failWaiters(token);
                } else {
                    syncedToken = Math.max(syncedToken, token);
                    completeWaiters();
                }
            }
        }
    }

    private void completeWaiters() {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            if (waiter.token() <= syncedToken) {
                it.remove();
                waiter.done().completeAsync(() -> null); // callbacks never run under the lock
            }
        }
    }

    private void failWaiters(long token) {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            if (waiter.token() <= token) {
                it.remove();
                CompletableFuture.runAsync(() -> waiter.done().completeExceptionally(new AuditUnavailableException(
                        "the audit trail cannot be written; the call was not forwarded")));
            }
        }
    }

    // ---- shipping

    /** Up to {@code max} outcomes not yet acknowledged, from sequence {@code from} on, in order. */
    public List<Pending> unacknowledged(long from, int max) {
        List<Pending> batch = new ArrayList<>(Math.min(max, 256));
        for (Map.Entry<Long, Unacked> entry : unacked.tailMap(from, true).entrySet()) {
            if (batch.size() == max) {
                break;
            }
            batch.add(new Pending(entry.getKey(), entry.getValue().event()));
        }
        return batch;
    }

    /** The lowest sequence number not yet acknowledged, or the next one to be written. */
    public long firstUnacknowledged() {
        Map.Entry<Long, Unacked> first = unacked.firstEntry();
        if (first != null) {
            return first.getKey();
        }
        synchronized (lock) {
            return lastSequence + 1;
        }
    }

    /**
     * Everything up to {@code sequence} is stored by the control plane: the checkpoint is replaced
     * (atomically) and settled segments are deleted. Called from one thread (the shipper's).
     */
    public void acknowledge(long sequence) {
        synchronized (lock) {
            if (sequence <= acked || closed) {
                return;
            }
        }
        boolean checkpointed = true;
        try {
            writeCheckpoint(sequence); // first: what is gone from memory is never sent again after a restart
        } catch (IOException e) {
            checkpointed = false;
            LOG.warnf("Cannot write the audit spool's checkpoint in %s (%s); acknowledged events are kept and may be "
                    + "sent again (the control plane ignores events it already holds)", dir, e.toString());
        }
        synchronized (lock) {
            acked = sequence;
            ConcurrentNavigableMap<Long, Unacked> done = unacked.headMap(sequence, true);
            for (Unacked entry : done.values()) {
                unackedBytes -= entry.recordBytes();
            }
            done.clear();
            updateWaterMark();
            if (checkpointed) {
                deleteSettledSegments();
            }
        }
    }

    private void writeCheckpoint(long sequence) throws IOException {
        Path file = dir.resolve(CHECKPOINT_FILE);
        Path temp = dir.resolve(CHECKPOINT_FILE + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer text = ByteBuffer.wrap((sequence + "\n").getBytes(StandardCharsets.US_ASCII));
            while (text.hasRemaining()) {
                channel.write(text);
            }
            if (settings.sync() != SyncPolicy.NONE) {
                channel.force(true);
            }
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        if (settings.sync() != SyncPolicy.NONE) {
            forceDirectory();
        }
    }

    /** Deletes the oldest segments while each is settled (never the active one). Under the lock. */
    private void deleteSettledSegments() {
        while (!segments.isEmpty()) {
            Segment oldest = segments.get(0);
            if (oldest == active || oldest.openStarts > 0 || oldest.lastOutcomeSequence > acked) {
                return;
            }
            try {
                Files.deleteIfExists(oldest.path);
            } catch (IOException e) {
                LOG.warnf("Cannot delete the acknowledged audit spool segment %s (%s); it is sent again after a restart",
                        oldest.path, e.toString());
                return;
            }
            segments.remove(0);
        }
    }

    private void forceDirectory() {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // not every platform can force a directory; the file's own force still holds
        }
    }

    // ---- state

    /** True while new calls are refused (above the high-water mark, or the spool cannot be written). */
    public boolean refusing() {
        synchronized (lock) {
            updateWaterMark();
            return aboveHighWater || writeFailing;
        }
    }

    /** Bytes of records the control plane has not acknowledged yet (outcomes, and starts still open). */
    public long unacknowledgedBytes() {
        synchronized (lock) {
            return unackedBytes;
        }
    }

    /** Outcomes not acknowledged yet. */
    public int backlog() {
        return unacked.size();
    }

    public long lastSequence() {
        synchronized (lock) {
            return lastSequence;
        }
    }

    public long acknowledgedSequence() {
        return acked;
    }

    /** Calls admitted whose outcome is not written yet. */
    public int openCalls() {
        synchronized (lock) {
            return openStarts.size();
        }
    }

    int segmentCount() {
        synchronized (lock) {
            return segments.size();
        }
    }

    Path directory() {
        return dir;
    }

    /** Forces what was written and closes the files; later appends are refused. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            lock.notifyAll();
            if (!unwrittenOutcomes.isEmpty()) {
                LOG.errorf("%d audit events could not be written to the spool in %s before stopping and are lost",
                        unwrittenOutcomes.size(), dir);
            }
            if (active != null) {
                try {
                    active.channel.force(false);
                    syncedToken = writtenToken;
                } catch (IOException e) {
                    LOG.warnf("Cannot force the audit spool segment %s on close: %s", active.path, e.toString());
                }
                closeQuietly(active);
                active = null;
            }
            completeWaiters();
            failWaiters(Long.MAX_VALUE);
        }
        try {
            syncThread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        releaseLock();
    }

    private static void closeQuietly(Segment segment) {
        try {
            segment.channel.close();
        } catch (IOException e) {
            // nothing more to do
        }
        segment.channel = null;
    }
}
