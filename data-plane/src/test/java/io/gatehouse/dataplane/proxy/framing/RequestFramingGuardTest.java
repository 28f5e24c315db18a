package io.gatehouse.dataplane.proxy.framing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard's state machine, whatever way the network cuts the bytes: a valid stream passes
 * unchanged, a smuggling attempt is refused at the same place, for every cut.
 */
class RequestFramingGuardTest {

    private static final String VALID_STREAM = "GET /a HTTP/1.1\r\nHost: gw\r\n\r\n"
            + "POST /b HTTP/1.1\r\nHost: gw\r\nContent-Length: 11\r\n\r\nhello\r\nworld"
            + "POST /c HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;ext=\"a b\"\r\nhello\r\n10\r\n0123456789abcdef\r\n0\r\nX-Trailer: t\r\n\r\n"
            + "\r\nGET /d HTTP/1.0\r\n\r\n";

    private static final String SMUGGLING = "POST /a HTTP/1.1\r\nHost: gw\r\nContent-Length: 4\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: gw\r\n\r\n";

    @Test
    void passesAValidStreamUnchangedHoweverItIsCut() {
        byte[] bytes = VALID_STREAM.getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 0; cut <= bytes.length; cut++) {
            EmbeddedChannel channel = guarded();
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, cut));
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, cut, bytes.length - cut));

            assertEquals(VALID_STREAM.replace("\r\nGET /d", "GET /d"), passed(channel), "cut at " + cut);
            assertTrue(channel.isOpen());
        }
    }

    @Test
    void passesAValidStreamFedOneByteAtATime() {
        EmbeddedChannel channel = guarded();
        for (byte b : VALID_STREAM.getBytes(StandardCharsets.ISO_8859_1)) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertEquals(VALID_STREAM.replace("\r\nGET /d", "GET /d"), passed(channel));
    }

    @Test
    void refusesASmugglingAttemptHoweverItIsCutAndPassesNothingOfIt() {
        byte[] bytes = SMUGGLING.getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 0; cut <= bytes.length; cut++) {
            EmbeddedChannel channel = guarded();
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, cut));
            if (channel.isOpen()) {
                channel.writeInbound(Unpooled.wrappedBuffer(bytes, cut, bytes.length - cut));
            }

            assertEquals("", passed(channel), "cut at " + cut);
            FullHttpResponse refusal = assertInstanceOf(FullHttpResponse.class, channel.readOutbound());
            assertEquals(400, refusal.status().code());
            refusal.release();
            assertFalse(channel.isOpen());
        }
    }

    @Test
    void aRefusalWaitsForTheAnswersOwedToEarlierRequests() {
        EmbeddedChannel channel = guarded();
        channel.writeInbound(Unpooled.copiedBuffer("GET /a HTTP/1.1\r\nHost: gw\r\n\r\nGET /b HTTP/1.1\r\nHost: gw\r\n\tfolded\r\n\r\n",
                StandardCharsets.ISO_8859_1));

        assertEquals("GET /a HTTP/1.1\r\nHost: gw\r\n\r\n", passed(channel));
        assertTrue(channel.isOpen(), "the first request is still owed its answer");
        assertNull(channel.readOutbound());

        channel.writeOutbound(new io.netty.handler.codec.http.DefaultFullHttpResponse(
                io.netty.handler.codec.http.HttpVersion.HTTP_1_1, io.netty.handler.codec.http.HttpResponseStatus.OK));
        FullHttpResponse first = channel.readOutbound();
        FullHttpResponse refusal = channel.readOutbound();

        assertEquals(200, first.status().code());
        assertEquals(400, refusal.status().code());
        assertFalse(channel.isOpen());
        first.release();
        refusal.release();
    }

    private static EmbeddedChannel guarded() {
        ExchangeTracker exchanges = new ExchangeTracker();
        return new EmbeddedChannel(new RequestFramingGuard(1024, 4096, exchanges), exchanges);
    }

    private static String passed(EmbeddedChannel channel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf buf = channel.readInbound(); buf != null; buf = channel.readInbound()) {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            buf.release();
            out.writeBytes(bytes);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
