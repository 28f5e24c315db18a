package io.gatehouse.controlplane.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.controlplane.domain.AuditChainHash;
import io.gatehouse.controlplane.domain.AuditChainHead;
import io.gatehouse.controlplane.domain.AuditChainReport;
import io.gatehouse.controlplane.domain.AuditCheckpoint;
import io.gatehouse.controlplane.domain.AuditDecision;
import io.gatehouse.controlplane.domain.AuditRecord;
import io.gatehouse.controlplane.domain.CallRecording;
import io.gatehouse.controlplane.repository.AuditChainRepository;
import io.gatehouse.controlplane.repository.AuditRetentionCuts;
import io.gatehouse.controlplane.security.SigningKeys;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Walks every audit chain (or one) in sequence order, recomputing each event's hash from its stored fields, and
 * checks the links, the chain heads and the signed checkpoints. Reports each gap (deleted events), edit (an event
 * whose fields no longer give its hash), broken link, cut-off end and bad checkpoint signature. Events dropped by
 * retention are no gap when a signed retention cut names them: the verifier anchors at the cut's hash, so the first
 * retained event must still link to it, and a deletion among the retained events is still reported.
 */
@ApplicationScoped
public class AuditChainVerifier {

    static final int PAGE = 1000;
    static final int MAX_PROBLEMS_PER_SOURCE = 100;
    /** Marks a checkpointed event that retention dropped inside a cut run: its hash is no longer known. */
    private static final byte[] DROPPED = new byte[0];
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final AuditChainRepository chains;
    private final SigningKeys keys;
    private final AuditRetentionCuts retentionCuts;
    private final ObjectMapper json = new ObjectMapper();

    public AuditChainVerifier(AgroalDataSource dataSource, AuditChainRepository chains, SigningKeys keys,
                              AuditRetentionCuts retentionCuts) {
        this.dataSource = dataSource;
        this.retentionCuts = retentionCuts;
        this.chains = chains;
        this.keys = keys;
    }

    public AuditChainReport verify(Optional<String> onlySource) throws SQLException {
        List<AuditChainReport.Source> reports = new ArrayList<>();
        for (AuditChainHead head : chains.heads()) {
            if (onlySource.isEmpty() || onlySource.get().equals(head.source())) {
                reports.add(verify(head));
            }
        }
        return new AuditChainReport(reports.stream().allMatch(AuditChainReport.Source::intact), reports);
    }

    private AuditChainReport.Source verify(AuditChainHead head) throws SQLException {
        List<String> problems = new ArrayList<>();
        Consumer<String> problem = text -> problem(problems, text);
        List<AuditCheckpoint> checkpoints = chains.checkpoints(head.source());
        Map<Long, byte[]> hashAt = new HashMap<>();
        checkpoints.forEach(checkpoint -> hashAt.put(checkpoint.seq(), null));
        RetentionCutCursor cuts = new RetentionCutCursor(retentionCuts.of(head.source()), keys);
        RetentionCutCursor.CutListener dropped = cut -> hashAt.replaceAll((seq, hash) ->
                seq == cut.lastSeq() ? cut.lastHash() : seq >= cut.firstSeq() && seq < cut.lastSeq() ? DROPPED : hash);
        long expectedSeq = 1;
        long events = 0;
        byte[] previous = AuditChainHash.GENESIS;
        try (Connection connection = dataSource.getConnection()) {
            List<StoredLink> page;
            long after = 0;
            do {
                page = page(connection, head.source(), after);
                for (StoredLink link : page) {
                    events++;
                    RetentionCutCursor.Position afterCuts = cuts.takeBefore(link.seq(), expectedSeq, problem, dropped);
                    if (afterCuts != null) {
                        expectedSeq = afterCuts.expectedSeq();
                        previous = afterCuts.previousHash();
                    }
                    if (link.seq() > expectedSeq) {
                        problem.accept("events " + expectedSeq + " to " + (link.seq() - 1) + " are missing (deleted)");
                    } else if (!Arrays.equals(link.previousHash(), previous)) {
                        problem.accept("event " + link.seq() + " (" + link.record().eventId() + ") does not link to the"
                                + " event before it (that event was changed or replaced)");
                    }
                    byte[] recomputed = AuditChainHash.of(link.previousHash(), head.source(), link.seq(), link.record());
                    if (!Arrays.equals(recomputed, link.hash())) {
                        problem.accept("event " + link.seq() + " (" + link.record().eventId() + ") was changed after"
                                + " it was stored");
                    }
                    if (hashAt.containsKey(link.seq())) {
                        hashAt.put(link.seq(), link.hash());
                    }
                    previous = link.hash();
                    expectedSeq = link.seq() + 1;
                    after = link.seq();
                }
            } while (page.size() == PAGE);
        }
        // the newest events of a chain may have been dropped by retention too
        RetentionCutCursor.Position afterCuts = cuts.takeBefore(Long.MAX_VALUE, expectedSeq, problem, dropped);
        if (afterCuts != null) {
            expectedSeq = afterCuts.expectedSeq();
            previous = afterCuts.previousHash();
        }
        long lastSeq = expectedSeq - 1;
        if (head.seq() > lastSeq) {
            problem.accept("the chain ends at event " + lastSeq + " but reached " + head.seq()
                    + ": the newest events were deleted");
        } else if (head.seq() == lastSeq && !Arrays.equals(head.hash(), previous)) {
            problem.accept("the head of the chain does not match its last event " + lastSeq);
        }
        for (AuditCheckpoint checkpoint : checkpoints) {
            if (!keys.verify(checkpoint.kid(), checkpoint.signedBytes(), checkpoint.signature())) {
                problem.accept("the checkpoint at event " + checkpoint.seq() + " has no valid signature");
            } else if (checkpoint.seq() > lastSeq) {
                problem.accept("a signed checkpoint vouches for event " + checkpoint.seq() + " but the chain ends at "
                        + lastSeq + ": events were deleted");
            } else if (hashAt.get(checkpoint.seq()) != DROPPED
                    && !Arrays.equals(checkpoint.hash(), hashAt.get(checkpoint.seq()))) {
                problem.accept("event " + checkpoint.seq() + " differs from what its signed checkpoint vouches for");
            }
        }
        return new AuditChainReport.Source(head.source(), events, lastSeq, checkpoints.size(), List.copyOf(problems),
                cuts.taken(), cuts.dropped());
    }

    private List<StoredLink> page(Connection connection, String source, long afterSeq) throws SQLException {
        List<StoredLink> links = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT event_id, request_id, event_time, data_plane_id,"
                + " identity, resource, method, path, decision, reason, approval_id, status, duration_ms, masked_fields,"
                + " kind, actor, masked_values, recording, route, chain_seq, prev_hash, hash FROM audit_event WHERE chain_source = ? AND chain_seq > ?"
                + " ORDER BY chain_seq LIMIT " + PAGE)) {
            query.setString(1, source);
            query.setLong(2, afterSeq);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    links.add(new StoredLink(record(row), row.getLong("chain_seq"), row.getBytes("prev_hash"),
                            row.getBytes("hash")));
                }
            }
        }
        return links;
    }

    private AuditRecord record(ResultSet row) throws SQLException {
        return new AuditRecord(row.getObject("event_id", UUID.class), row.getString("request_id"),
                row.getObject("event_time", OffsetDateTime.class).toInstant(), row.getString("data_plane_id"),
                row.getString("identity"), row.getString("resource"), row.getString("method"), row.getString("path"),
                AuditDecision.fromStored(row.getString("decision")), row.getString("reason"), row.getString("approval_id"),
                row.getInt("status"), row.getLong("duration_ms"), strings(row.getString("masked_fields")),
                row.getString("kind"), row.getString("actor"), counts(row.getString("masked_values")),
                recording(row.getString("recording")), row.getString("route"));
    }

    private List<String> strings(String jsonArray) {
        try {
            return jsonArray == null ? List.of() : json.readValue(jsonArray, STRINGS);
        } catch (IOException e) {
            return List.of("<unreadable: " + e.getClass().getSimpleName() + ">");
        }
    }

    /** An unreadable recording reads as one that differs from what was hashed, so the event is reported as edited. */
    private CallRecording recording(String jsonObject) {
        try {
            return jsonObject == null ? null : json.readValue(jsonObject, CallRecording.class);
        } catch (IOException e) {
            return new CallRecording("<unreadable: " + e.getClass().getSimpleName() + ">", null, null, null, null, null, false);
        }
    }

    private Map<String, Integer> counts(String jsonObject) {
        try {
            return jsonObject == null ? Map.of() : json.readValue(jsonObject, COUNTS);
        } catch (IOException e) {
            return Map.of("<unreadable: " + e.getClass().getSimpleName() + ">", -1);
        }
    }

    private static void problem(List<String> problems, String problem) {
        if (problems.size() < MAX_PROBLEMS_PER_SOURCE) {
            problems.add(problem);
        }
    }

    private record StoredLink(AuditRecord record, long seq, byte[] previousHash, byte[] hash) {
    }
}
