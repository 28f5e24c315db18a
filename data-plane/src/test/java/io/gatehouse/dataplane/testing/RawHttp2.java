package io.gatehouse.dataplane.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A raw HTTP/2 client over TLS (ALPN h2) for tests: sends header fields exactly as given, without the
 * validation a well-behaved client library applies, to see what the proxy does with malformed requests.
 * Trusts any certificate: test use only.
 */
public final class RawHttp2 implements AutoCloseable {

    /** What came back on one stream: a status and body, or a reset, or the connection closed. */
    public record Answer(int status, String body, long resetCode, boolean connectionClosed) {
    }

    private final EventLoopGroup group;
    private final Channel channel;

    private RawHttp2(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    public static RawHttp2 connect(int port) throws Exception {
        SslContext tls = SslContextBuilder.forClient()
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2))
                .build();
        EventLoopGroup group = new NioEventLoopGroup(1);
        Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel socket) {
                        socket.pipeline().addLast(tls.newHandler(socket.alloc(), "127.0.0.1", port),
                                Http2FrameCodecBuilder.forClient().build(),
                                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                    }
                })
                .connect("127.0.0.1", port).sync().channel();
        return new RawHttp2(group, channel);
    }

    /** Request pseudo-headers for {@code method path} at authority "gw", plus the given fields, unvalidated. */
    public static Http2Headers request(String method, String path, String... nameValues) {
        Http2Headers headers = new DefaultHttp2Headers(false).method(method).path(path).scheme("https").authority("gw");
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.add(nameValues[i], nameValues[i + 1]);
        }
        return headers;
    }

    public Answer send(Http2Headers headers, String body) throws Exception {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        StringBuilder received = new StringBuilder();
        int[] status = {0};
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(channel).handler(new SimpleChannelInboundHandler<Http2StreamFrame>() {
            @Override
            protected void channelRead0(ChannelHandlerContext context, Http2StreamFrame frame) {
                if (frame instanceof Http2HeadersFrame head) {
                    if (head.headers().status() != null) {
                        status[0] = Integer.parseInt(head.headers().status().toString());
                    }
                    if (head.isEndStream()) {
                        answer.complete(new Answer(status[0], received.toString(), -1, false));
                    }
                } else if (frame instanceof Http2DataFrame data) {
                    received.append(data.content().toString(StandardCharsets.UTF_8));
                    if (data.isEndStream()) {
                        answer.complete(new Answer(status[0], received.toString(), -1, false));
                    }
                } else if (frame instanceof Http2ResetFrame reset) {
                    answer.complete(new Answer(status[0], received.toString(), reset.errorCode(), false));
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext context) {
                answer.complete(new Answer(status[0], received.toString(), -1, true));
            }
        }).open().sync().getNow();
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers, body == null));
        if (body != null) {
            stream.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.copiedBuffer(body, StandardCharsets.UTF_8), true));
        }
        return answer.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        channel.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
