package io.gatehouse.launcher.suite;

/** The four Gatehouse services, in the order the launcher starts them. */
public enum Service {
    VAULT_BROKER("vault-broker", "vault broker", 8083, 9083),
    CONTROL_PLANE("control-plane", "control plane", 8081, 9081),
    APPROVAL_SERVICE("approval-service", "approval service", 8082, 9082),
    DATA_PLANE("data-plane", "data plane", 9080, -1);

    /** The proxy port of the data plane (CONTRACTS.md). */
    public static final int DEFAULT_PROXY_PORT = 8080;

    private final String module;
    private final String displayName;
    private final int defaultHttpPort;
    private final int defaultGrpcPort;

    Service(String module, String displayName, int defaultHttpPort, int defaultGrpcPort) {
        this.module = module;
        this.displayName = displayName;
        this.defaultHttpPort = defaultHttpPort;
        this.defaultGrpcPort = defaultGrpcPort;
    }

    /** The Maven module directory, also the name of the log file. */
    public String module() {
        return module;
    }

    public String displayName() {
        return displayName;
    }

    public int defaultHttpPort() {
        return defaultHttpPort;
    }

    /** -1 for the data plane, which serves no gRPC. */
    public int defaultGrpcPort() {
        return defaultGrpcPort;
    }

    public boolean hasGrpc() {
        return defaultGrpcPort > 0;
    }
}
