package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.audit.CallDetails;
import io.gatehouse.dataplane.audit.RecordedBody;
import io.gatehouse.dataplane.masking.MaskingLimits;
import io.gatehouse.dataplane.masking.MaskingPolicy;
import io.gatehouse.dataplane.masking.MaskingRuleCompiler;
import io.gatehouse.dataplane.policy.CredentialInjection;
import io.gatehouse.dataplane.policy.InjectionStyle;
import io.gatehouse.dataplane.policy.Recording;
import io.gatehouse.dataplane.policy.Resource;
import io.gatehouse.proto.config.v1.MaskingRule;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recorder's tap on the caller's body: the stream passes unchanged, the record gets the masked copy. */
class CallRecorderTest {

    private static final MaskingPolicy SSN = new MaskingRuleCompiler(Optional.empty()).compile(
            io.gatehouse.proto.config.v1.Resource.newBuilder().addMaskingRules(MaskingRule.newBuilder().setField("ssn")).build());

    @Test
    void theTappedStreamPassesEveryChunkUnchangedAndTheRecordHoldsTheMaskedCopy() {
        CallRecorder recorder = new CallRecorder(resource(SSN, Recording.Level.BODIES, 4096), MaskingLimits.DEFAULTS, "req-1");
        FakeStream caller = new FakeStream();
        ReadStream<Buffer> tapped = recorder.tapRequestBody(caller, json());
        List<String> passed = new ArrayList<>();
        boolean[] ended = new boolean[1];
        tapped.handler(chunk -> passed.add(chunk.toString(StandardCharsets.UTF_8)));
        tapped.endHandler(end -> ended[0] = true);

        List<String> pieces = List.of("{\"id\":7,\"s", "sn\":\"123-4", "5-6789\"}");
        pieces.forEach(piece -> caller.emit(Buffer.buffer(piece)));
        caller.end();

        assertEquals(pieces, passed, "the upstream gets exactly what the caller sent");
        assertTrue(ended[0]);
        RecordedBody recorded = recorder.details(null).requestBody();
        assertEquals("{\"id\":7,\"ssn\":\"[masked]\"}", new String(recorded.content(), StandardCharsets.UTF_8));
        assertEquals(Map.of("ssn", 2, "request-body:ssn", 1), recorder.maskedValues(Map.of("ssn", 2)));
    }

    @Test
    void aBodyThatCannotBeMaskedDoesNotDisturbTheStreamAndIsFlaggedInTheSummary() {
        CallRecorder recorder = new CallRecorder(resource(SSN, Recording.Level.BODIES, 4096), MaskingLimits.DEFAULTS, "req-1");
        FakeStream caller = new FakeStream();
        ReadStream<Buffer> tapped = recorder.tapRequestBody(caller, json());
        List<String> passed = new ArrayList<>();
        tapped.handler(chunk -> passed.add(chunk.toString(StandardCharsets.UTF_8)));
        tapped.endHandler(end -> { });

        caller.emit(Buffer.buffer("{\"ssn\":\"123-45-6789\"} trailing garbage"));
        caller.emit(Buffer.buffer("more"));
        caller.end();

        assertEquals(List.of("{\"ssn\":\"123-45-6789\"} trailing garbage", "more"), passed);
        RecordedBody recorded = recorder.details(null).requestBody();
        assertEquals(0, recorded.content().length);
        assertEquals(42, recorded.size());
        assertEquals(Map.of(CallRecorder.UNMASKABLE_REQUEST_BODY, 1), recorder.maskedValues(Map.of()));
    }

    @Test
    void aBufferedBodyHeldForApprovalIsMaskedToo() {
        CallRecorder recorder = new CallRecorder(resource(SSN, Recording.Level.BODIES, 4096), MaskingLimits.DEFAULTS, "req-1");
        recorder.bufferedRequestBody(Buffer.buffer("[{\"ssn\":\"1\"},{\"ssn\":\"2\"}]"), json());
        CallDetails details = recorder.details(null);
        assertEquals("[{\"ssn\":\"[masked]\"},{\"ssn\":\"[masked]\"}]",
                new String(details.requestBody().content(), StandardCharsets.UTF_8));
        assertEquals(Map.of("request-body:ssn", 2), recorder.maskedValues(Map.of()));
    }

    @Test
    void belowLevelBodiesNothingIsTappedAndTheSummaryIsTheResponses() {
        CallRecorder recorder = new CallRecorder(resource(SSN, Recording.Level.HEADERS, 4096), MaskingLimits.DEFAULTS, "req-1");
        FakeStream caller = new FakeStream();
        assertSame(caller, recorder.tapRequestBody(caller, json()));
        Map<String, Integer> response = Map.of("ssn", 1);
        assertSame(response, recorder.maskedValues(response));
        assertFalse(recorder.details(null).requestBody() != null);
    }

    private static MultiMap json() {
        return MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    }

    private static Resource resource(MaskingPolicy masking, Recording.Level level, int bodyBytes) {
        return new Resource("r", "/r", URI.create("http://127.0.0.1:1"), CredentialInjection.of(InjectionStyle.BEARER), masking,
                Duration.ofSeconds(1), null, new Recording(level, Set.of(), bodyBytes, false));
    }

    /** A read stream the test drives by hand. */
    private static final class FakeStream implements ReadStream<Buffer> {
        private Handler<Buffer> handler;
        private Handler<Void> endHandler;

        void emit(Buffer chunk) {
            handler.handle(chunk);
        }

        void end() {
            endHandler.handle(null);
        }

        @Override
        public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public ReadStream<Buffer> handler(Handler<Buffer> handler) {
            this.handler = handler;
            return this;
        }

        @Override
        public ReadStream<Buffer> pause() {
            return this;
        }

        @Override
        public ReadStream<Buffer> resume() {
            return this;
        }

        @Override
        public ReadStream<Buffer> fetch(long amount) {
            return this;
        }

        @Override
        public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
            this.endHandler = endHandler;
            return this;
        }
    }
}
