package io.gatehouse.dataplane.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream on a plain server socket that answers every request (bodies are not expected) with
 * bytes set by the test, however malformed, and keeps the connection open for another request.
 * It records on which connection each request arrived, so tests can tell whether a connection was reused.
 */
public final class RawUpstream implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Integer> requestConnections = new CopyOnWriteArrayList<>();
    private volatile String answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private RawUpstream() throws IOException {
        server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "raw-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static RawUpstream start() throws IOException {
        return new RawUpstream();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** The bytes (ISO-8859-1) written in answer to each following request. */
    public void answerWith(String rawResponse) {
        this.answer = rawResponse;
    }

    /** For each request received so far, the number (from 1) of the connection it came on. */
    public List<Integer> requestConnections() {
        return List.copyOf(requestConnections);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                int number = connections.incrementAndGet();
                Thread serve = new Thread(() -> serve(socket, number), "raw-upstream-" + number);
                serve.setDaemon(true);
                serve.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket, int number) {
        try (socket) {
            InputStream in = socket.getInputStream();
            while (readHead(in)) {
                requestConnections.add(number);
                socket.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            }
        } catch (IOException connectionGone) {
            // the proxy closed or reset the connection
        }
    }

    private static boolean readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
