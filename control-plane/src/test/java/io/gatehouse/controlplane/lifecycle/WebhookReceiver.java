package io.gatehouse.controlplane.lifecycle;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A webhook receiver on 127.0.0.1 that records what it gets and answers with a status the test chooses. */
final class WebhookReceiver implements AutoCloseable {

    record Delivery(String body, String signature) {
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    WebhookReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            deliveries.add(new Delivery(body, exchange.getRequestHeaders().getFirst("X-Gatehouse-Signature")));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** A port nobody listens on right now (the control plane under test is told it before the receiver starts). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void answer(int status) {
        this.status = status;
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    void clear() {
        deliveries.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
