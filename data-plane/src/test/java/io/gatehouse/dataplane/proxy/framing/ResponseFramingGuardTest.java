package io.gatehouse.dataplane.proxy.framing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The upstream side: responses are followed across any cut, by the method they answer. */
class ResponseFramingGuardTest {

    private static final String VALID_ANSWERS = "HTTP/1.1 100 Continue\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n0\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n" // a HEAD answer: no body whatever it declares
            + "HTTP/1.1 204 No Content\r\n\r\n"
            + "HTTP/1.1 200\r\nContent-Length: 3\r\n\r\nabc";

    @Test
    void passesValidAnswersUnchangedHoweverTheyAreCut() {
        byte[] bytes = VALID_ANSWERS.getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 0; cut <= bytes.length; cut++) {
            Recorder recorder = new Recorder();
            EmbeddedChannel channel = guarded(recorder, HttpMethod.POST, HttpMethod.HEAD, HttpMethod.DELETE, HttpMethod.GET);
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, cut));
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, cut, bytes.length - cut));

            assertEquals(VALID_ANSWERS, recorder.bytes(), "cut at " + cut);
            assertTrue(recorder.failures.isEmpty(), "cut at " + cut);
        }
    }

    @Test
    void failsTheConnectionOnContentLengthWithTransferEncodingHoweverItIsCut() {
        String malformed = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
        byte[] bytes = malformed.getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 0; cut <= bytes.length; cut++) {
            Recorder recorder = new Recorder();
            EmbeddedChannel channel = guarded(recorder, HttpMethod.GET);
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, cut));
            if (channel.isOpen()) {
                channel.writeInbound(Unpooled.wrappedBuffer(bytes, cut, bytes.length - cut));
            }

            assertFalse(recorder.bytes().contains("\r\n\r\n"), "the decoder never gets a whole head; cut at " + cut);
            assertInstanceOf(MalformedUpstreamResponseException.class, recorder.failures.get(0));
            assertFalse(channel.isOpen());
        }
    }

    @Test
    void failsAResponseNobodyAskedFor() {
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = guarded(recorder, HttpMethod.GET);
        channel.writeInbound(Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\n",
                StandardCharsets.ISO_8859_1));

        assertInstanceOf(MalformedUpstreamResponseException.class, recorder.failures.get(0));
        assertFalse(channel.isOpen());
    }

    private static EmbeddedChannel guarded(Recorder recorder, HttpMethod... requests) {
        RequestMethodTracker tracker = new RequestMethodTracker();
        EmbeddedChannel channel = new EmbeddedChannel(new ResponseFramingGuard(4096, 8192, tracker), recorder, tracker);
        for (HttpMethod method : requests) {
            channel.writeOutbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, "/"));
        }
        return channel;
    }

    /** Stands where the HTTP decoder would be: collects what the guard passes and the failures it reports. */
    private static final class Recorder extends ChannelInboundHandlerAdapter {
        private final ByteArrayOutputStream passed = new ByteArrayOutputStream();
        private final List<Throwable> failures = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            buf.release();
            passed.writeBytes(bytes);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failures.add(cause);
        }

        String bytes() {
            return passed.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
