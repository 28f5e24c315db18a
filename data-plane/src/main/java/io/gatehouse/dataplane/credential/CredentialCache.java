package io.gatehouse.dataplane.credential;

import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.identity.NodeTokenClientInterceptor;
import io.gatehouse.dataplane.identity.NodeTokens;
import io.gatehouse.proto.credential.v1.CredentialService;
import io.gatehouse.proto.credential.v1.IssueCredentialRequest;
import io.gatehouse.proto.credential.v1.IssuedCredential;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upstream credentials from the vault broker, cached per resource until their lease ends minus a
 * renewal margin, or until the broker announces a rotation. When the broker cannot be reached a cached
 * credential keeps serving until its lease really ends; after that the resource gets 503 while every
 * other resource keeps working. The broker is called with this node's token; a refused token is
 * replaced once and the call repeated.
 */
@ApplicationScoped
public class CredentialCache {

    private static final Logger LOG = Logger.getLogger(CredentialCache.class);

    private final CredentialService broker;
    private final NodeTokens nodeTokens;
    private final String dataPlaneId;
    private final Duration renewMargin;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, UpstreamCredential> byResource = new ConcurrentHashMap<>();

    public CredentialCache(@GrpcClient("broker") @RegisterClientInterceptor(NodeTokenClientInterceptor.class)
                           CredentialService broker, NodeTokens nodeTokens, DataPlaneConfig config) {
        this.broker = broker;
        this.nodeTokens = nodeTokens;
        this.dataPlaneId = config.dataPlane().id();
        this.renewMargin = config.vaultBroker().renewMargin();
    }

    public Uni<UpstreamCredential> credentialFor(String resource) {
        Instant now = clock.instant();
        UpstreamCredential cached = byResource.get(resource);
        if (cached != null && cached.expiresAt().minus(renewMargin).isAfter(now)) {
            return Uni.createFrom().item(cached);
        }
        return nodeTokens.usable()
                .chain(() -> issue(resource))
                .onFailure(CredentialCache::tokenRefused).recoverWithUni(() -> nodeTokens.replace().chain(() -> issue(resource)))
                .map(issued -> remember(resource, issued))
                .onFailure().recoverWithUni(failure -> fallBack(resource, cached, failure));
    }

    /** Drops the cached copy of one resource (the broker announced a new credential). */
    public void forget(String resource) {
        byResource.remove(resource);
    }

    /** Drops every cached copy (rotations may have been missed while the broker's stream was down). */
    public void forgetAll() {
        byResource.clear();
    }

    private Uni<IssuedCredential> issue(String resource) {
        return broker.issueCredential(IssueCredentialRequest.newBuilder().setResource(resource).setDataPlaneId(dataPlaneId).build());
    }

    private static boolean tokenRefused(Throwable failure) {
        return failure instanceof StatusRuntimeException refused && refused.getStatus().getCode() == Status.Code.UNAUTHENTICATED;
    }

    private UpstreamCredential remember(String resource, IssuedCredential issued) {
        Instant expiresAt = Instant.ofEpochSecond(issued.getExpiresAt().getSeconds(), issued.getExpiresAt().getNanos());
        UpstreamCredential credential = new UpstreamCredential(resource, issued.getSecret(), expiresAt);
        byResource.put(resource, credential);
        return credential;
    }

    private Uni<UpstreamCredential> fallBack(String resource, UpstreamCredential cached, Throwable failure) {
        Status status = failure instanceof StatusRuntimeException sre ? sre.getStatus() : Status.fromThrowable(failure);
        if (cached != null && cached.usableAt(clock.instant())) {
            LOG.warnf("Vault broker refused or is unreachable for resource %s (%s); using the cached credential until %s",
                    resource, status.getCode(), cached.expiresAt());
            return Uni.createFrom().item(cached);
        }
        String why = switch (status.getCode()) {
            case NOT_FOUND -> "no credential is configured for resource '" + resource + "'";
            case UNAUTHENTICATED -> "the vault broker does not accept this data plane's node token (check that the broker"
                    + " trusts this control plane's keys) or no node token could be obtained from the control plane";
            case PERMISSION_DENIED -> "this data plane's pool may not receive the credential of resource '" + resource
                    + "' (see credential.dataPlanes of the resource)";
            default -> "the vault broker is unavailable (" + status.getCode() + ")";
        };
        LOG.errorf("No credential for resource %s: %s", resource, why);
        return Uni.createFrom().failure(new CredentialUnavailableException(why));
    }
}
