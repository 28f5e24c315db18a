package io.gatehouse.launcher.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Every port the suite listens on (all on 127.0.0.1). Port 0 for PostgreSQL means "any free one". */
public final class SuitePorts {

    public static final int DEFAULT_OIDC_PORT = 8090;
    public static final int DEFAULT_UPSTREAM_PORT = 8091;

    private final Map<Service, Integer> http = new EnumMap<>(Service.class);
    private final Map<Service, Integer> grpc = new EnumMap<>(Service.class);
    private int proxy;
    private int oidc;
    private int upstream;
    private int postgres;

    private SuitePorts() {
    }

    /** The fixed ports of CONTRACTS.md (PostgreSQL on any free port). */
    public static SuitePorts defaults() {
        SuitePorts ports = new SuitePorts();
        for (Service service : Service.values()) {
            ports.http.put(service, service.defaultHttpPort());
            if (service.hasGrpc()) {
                ports.grpc.put(service, service.defaultGrpcPort());
            }
        }
        ports.proxy = Service.DEFAULT_PROXY_PORT;
        ports.oidc = DEFAULT_OIDC_PORT;
        ports.upstream = DEFAULT_UPSTREAM_PORT;
        ports.postgres = 0;
        return ports;
    }

    /** Free ports for everything (for tests and parallel suites). */
    public static SuitePorts free() {
        List<ServerSocket> held = new ArrayList<>();
        try {
            SuitePorts ports = new SuitePorts();
            for (Service service : Service.values()) {
                ports.http.put(service, hold(held));
                if (service.hasGrpc()) {
                    ports.grpc.put(service, hold(held));
                }
            }
            ports.proxy = hold(held);
            ports.oidc = hold(held);
            ports.upstream = hold(held);
            ports.postgres = hold(held);
            return ports;
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }

    private static int hold(List<ServerSocket> held) {
        try {
            ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            socket.setReuseAddress(true);
            held.add(socket);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** One port free on 127.0.0.1 right now. */
    public static int freePort() {
        List<ServerSocket> held = new ArrayList<>();
        int port = hold(held);
        try {
            held.get(0).close();
        } catch (IOException ignored) {
            // nothing to do
        }
        return port;
    }

    /** True if nothing listens on the port on 127.0.0.1 right now. */
    public static boolean isFree(int port) {
        if (port == 0) {
            return true;
        }
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int http(Service service) {
        return http.get(service);
    }

    public int grpc(Service service) {
        Integer port = grpc.get(service);
        if (port == null) {
            throw new IllegalArgumentException(service.module() + " has no gRPC port");
        }
        return port;
    }

    public int proxy() {
        return proxy;
    }

    public int oidc() {
        return oidc;
    }

    public int upstream() {
        return upstream;
    }

    public int postgres() {
        return postgres;
    }

    public SuitePorts withHttp(Service service, int port) {
        http.put(service, port);
        return this;
    }

    public SuitePorts withGrpc(Service service, int port) {
        grpc.put(service, port);
        return this;
    }

    public SuitePorts withProxy(int port) {
        this.proxy = port;
        return this;
    }

    public SuitePorts withOidc(int port) {
        this.oidc = port;
        return this;
    }

    public SuitePorts withUpstream(int port) {
        this.upstream = port;
        return this;
    }

    public SuitePorts withPostgres(int port) {
        this.postgres = port;
        return this;
    }

    /** Every fixed port with what it is for, to check that they are free before starting. */
    public Map<String, Integer> all() {
        Map<String, Integer> all = new java.util.LinkedHashMap<>();
        all.put("OIDC issuer", oidc);
        all.put("demo upstream", upstream);
        for (Service service : Service.values()) {
            all.put(service.module() + " HTTP", http(service));
            if (service.hasGrpc()) {
                all.put(service.module() + " gRPC", grpc(service));
            }
        }
        all.put("data-plane proxy", proxy);
        if (postgres != 0) {
            all.put("PostgreSQL", postgres);
        }
        return all;
    }
}
