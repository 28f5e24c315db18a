package io.gatehouse.dataplane.grpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The replicas a gRPC client may use, in order of preference: {@code host[:port]} entries separated by commas, an
 * entry without a port taking the default port. A host name may stand for several addresses (a headless Service in
 * Kubernetes); {@link TargetListNameResolver} resolves each one to all of its addresses.
 */
public record TargetList(List<Target> targets) {

    /** One configured replica (a host name or IPv4 address, and a port). */
    public record Target(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    public TargetList {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no target");
        }
        targets = List.copyOf(targets);
    }

    /**
     * Parses the path of a {@code gatehouse-targets:///…} channel target as Quarkus builds it from
     * {@code quarkus.grpc.clients.<name>.host} ({@code /} and the list) and {@code .port} (the default port, appended
     * as {@code :port}): {@code /cp-a:9081,cp-b:9181:9081} is cp-a:9081 and cp-b:9181, {@code /cp-a,cp-b:9081} is
     * cp-a:9081 and cp-b:9081.
     */
    public static TargetList fromChannelPath(String path) {
        String list = path == null ? "" : path.startsWith("/") ? path.substring(1) : path;
        int lastColon = list.lastIndexOf(':');
        if (lastColon < 0) {
            throw new IllegalArgumentException("no default port after the target list '" + list + "'");
        }
        int defaultPort = port(list.substring(lastColon + 1), list);
        list = list.substring(0, lastColon);
        return parse(list, defaultPort);
    }

    /** Parses {@code host[:port],host[:port]…}; entries without a port take {@code defaultPort}. */
    public static TargetList parse(String list, int defaultPort) {
        List<Target> targets = new ArrayList<>();
        for (String raw : list.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.startsWith("[")) {
                throw new IllegalArgumentException("IPv6 literals are not supported in a target list, use a host name: " + entry);
            }
            int colon = entry.indexOf(':');
            if (colon != entry.lastIndexOf(':')) {
                throw new IllegalArgumentException("a target is host or host:port, not " + entry);
            }
            String host = colon < 0 ? entry : entry.substring(0, colon);
            int port = colon < 0 ? defaultPort : port(entry.substring(colon + 1), entry);
            if (host.isEmpty() || port <= 0) {
                throw new IllegalArgumentException("a target is host or host:port (with a default port), not " + entry);
            }
            targets.add(new Target(host.toLowerCase(Locale.ROOT), port));
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no target in '" + list + "'");
        }
        return new TargetList(targets);
    }

    private static int port(String text, String context) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port: '" + text + "' in " + context);
        }
    }

    @Override
    public String toString() {
        return String.join(",", targets.stream().map(Target::toString).toList());
    }
}
