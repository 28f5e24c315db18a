package io.gatehouse.controlplane.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The control plane's own settings, under {@code gatehouse.control-plane}. */
@ConfigMapping(prefix = "gatehouse.control-plane")
public interface ControlPlaneConfig {

    /** Declarative YAML applied at start; without it the policy model is left empty. */
    Optional<Path> configFile();

    /**
     * How often the snapshot is rebuilt from the database even without an apply, so that an
     * identity passing its expiry reaches the data planes as EXPIRED.
     */
    @WithDefault("60S")
    Duration snapshotRefreshInterval();

    /**
     * The longest an identity may be declared to live, from the moment it is written: owners renew
     * their automations' identities instead of giving them forever.
     */
    @WithDefault("P365D")
    Duration maxIdentityLifetime();

    String JOIN_TOKENS_KEY = "gatehouse.control-plane.join-tokens";

    /**
     * {@code pool:token} pairs. Every gRPC call (config stream, audit ingestion, node tokens) must carry one
     * of the tokens; its pool is the pool of the node token the caller gets. Required.
     */
    Optional<List<String>> joinTokens();

    /**
     * How long a node token is valid; nodes ask for a new one after half of it. It bounds how long data planes
     * can fetch credentials from the vault broker while the control plane is down.
     */
    @WithDefault("1H")
    Duration nodeTokenLifetime();

    /** Forwarding of the audit trail to a SIEM or log pipeline, as OpenTelemetry logs over OTLP/HTTP. */
    AuditForward auditForward();

    interface AuditForward {

        /** The collector's OTLP/HTTP logs URL, e.g. {@code http://collector:4318/v1/logs}; none: no forwarding. */
        Optional<URI> otlpEndpoint();

        /**
         * Headers sent with every export, as {@code name=value} pairs separated by commas (the format of
         * {@code OTEL_EXPORTER_OTLP_HEADERS}), e.g. a collector's API key. Never logged.
         */
        Optional<String> otlpHeaders();

        @WithDefault("5S")
        Duration interval();

        @WithDefault("500")
        int batchSize();

        @WithDefault("10S")
        Duration timeout();
    }

    /** The monthly partitions of the audit store, created ahead of time by the maintenance job. */
    AuditPartitions auditPartitions();

    interface AuditPartitions {

        /** How many months after the current one have their partition ready (created ahead of the events). */
        @WithDefault("2")
        int monthsAhead();
    }

    /**
     * Retention of the audit store: whole monthly partitions older than {@code keep} are dropped, with a signed
     * record of what each hash chain lost. Without {@code keep}, events are kept forever.
     */
    AuditRetention auditRetention();

    interface AuditRetention {

        /**
         * How long events are kept, counted from the end of their month (e.g. {@code 400d}); none: forever. A month
         * is dropped once all of it is older than this, and only after the SIEM sink (if forwarding) took it.
         */
        Optional<Duration> keep();

        /** How often the maintenance job (partitions ahead, retention) runs; one replica at a time does it. */
        @WithDefault("1H")
        Duration checkInterval();
    }

    /** How often the head of every audit chain that moved is fixed by a signed checkpoint. */
    @WithDefault("60S")
    Duration auditCheckpointInterval();

    /**
     * How often newly stored calls are counted into the usage evidence and identities' last use (the usage rollup);
     * one replica at a time does it.
     */
    @WithDefault("1S")
    Duration usageRollupInterval();

    /** The token service: gateway tokens for identities that authenticate with a client secret. */
    Tokens tokens();

    interface Tokens {

        /** The {@code iss} of gateway tokens; data planes learn it with the config. */
        @WithDefault("gatehouse-control-plane")
        String issuer();

        /** The {@code aud} of gateway tokens: what data planes accept. */
        @WithDefault("gatehouse")
        String audience();

        /** How long a gateway token is valid. */
        @WithDefault("10M")
        Duration lifetime();

        /** PBKDF2-HMAC-SHA256 iterations of client secret hashes (checked once per token, i.e. rarely). */
        @WithDefault("210000")
        int secretHashIterations();

        /** Active client secrets an identity may have at once (two allow a rotation without downtime). */
        @WithDefault("5")
        int maxSecretsPerIdentity();

        /** A client secret not used for this long (since created, if never) is revoked automatically. */
        @WithDefault("P90D")
        Duration revokeUnusedAfter();

        /** How often unused client secrets are looked for. */
        @WithDefault("1H")
        Duration unusedSecretSweepInterval();
    }

    /** Rotation of the control plane's signing keys (gateway tokens, snapshots, audit checkpoints). */
    @WithName("signing-keys")
    KeyRotation keyRotation();

    interface KeyRotation {

        /** How long a key signs before the next one takes over automatically; {@code 0} (the default): only on request. */
        @WithDefault("0S")
        Duration rotateEvery();

        /**
         * How long a new key is published (JWKS, snapshots) before it signs, so that every data plane and JWKS
         * cache has it before the first token signed by it arrives. Longer than a config push takes.
         */
        @WithDefault("5M")
        Duration publishAhead();

        /**
         * How long a retired key stays published, so that tokens it signed keep verifying until they expire. At
         * least the token lifetime plus the reload interval.
         */
        @WithDefault("30M")
        Duration retireAfter();

        /** How often every replica re-reads the key set (and one of them applies due transitions). */
        @WithDefault("10S")
        Duration reloadInterval();
    }

    /** RFC 8693 token exchange: external OIDC tokens for gateway tokens. */
    TokenExchange tokenExchange();

    interface TokenExchange {

        /** Leeway for {@code exp}, {@code nbf} and {@code iat} of subject tokens. */
        @WithDefault("30S")
        Duration clockSkew();

        /** Connect and read timeout of OIDC discovery and JWKS requests to an issuer. */
        @WithDefault("5S")
        Duration fetchTimeout();

        /** How long an issuer's JWKS is cached. */
        @WithDefault("15M")
        Duration jwksMaxAge();

        /** A subject token naming an unknown key refetches the issuer's JWKS at most this often. */
        @WithDefault("30S")
        Duration jwksRefetchInterval();

        /** The largest subject token accepted, in bytes. */
        @WithDefault("16384")
        int maxSubjectTokenSize();
    }

    /** Identity assertions: the JWTs data planes sign for upstreams of resources that ask for them. */
    IdentityAssertions identityAssertions();

    interface IdentityAssertions {

        /** The {@code iss} of assertions; upstreams check it. */
        @WithDefault("gatehouse-data-plane")
        String issuer();

        /** How long one assertion is valid; a data plane reuses one for half of that. */
        @WithDefault("5M")
        Duration lifetime();

        /** A data plane's key stays in the assertion JWK Set this long after its data plane was last seen. */
        @WithDefault("P7D")
        Duration keyRetention();
    }

    /** Access-review campaigns. */
    AccessReviews accessReviews();

    interface AccessReviews {

        /** The usage window a campaign shows when its creator names none: this long before it starts. */
        @WithDefault("P90D")
        Duration defaultWindow();

        /** When a campaign is due if its creator gives no date: this long after it starts. */
        @WithDefault("P14D")
        Duration defaultDueIn();

        /** Reviewers with undecided items are reminded this long before the due date. */
        @WithDefault("P3D")
        Duration remindBefore();

        /** How often open campaigns are checked for reminders and escalation. */
        @WithDefault("15M")
        Duration sweepInterval();
    }

    /** Which groups of an admin token (its {@code groups} claim) give which admin API role. */
    Access access();

    interface Access {

        /** Groups whose members are admins. */
        @WithDefault("gatehouse-admins")
        List<String> adminGroups();

        /** Groups whose members are reviewers (read policy and audit trail). */
        @WithDefault("gatehouse-reviewers")
        List<String> reviewerGroups();

        /** Groups whose members are auditors (read-only). */
        @WithDefault("gatehouse-auditors")
        List<String> auditorGroups();

        /**
         * A group named this prefix followed by a team name makes its members owners of that team
         * (e.g. {@code gatehouse-team-payments} owns team {@code payments}).
         */
        @WithDefault("gatehouse-team-")
        String teamGroupPrefix();
    }
    /** Automatic identity lifecycle: unused identities suspended then revoked, orphans flagged, owners notified. */
    Lifecycle lifecycle();

    interface Lifecycle {

        /** Whether the sweep runs on its own; {@code POST /api/v1/lifecycle/sweep} works either way. */
        @WithDefault("true")
        boolean enabled();

        /** How often identities are checked (one replica at a time). */
        @WithDefault("1H")
        Duration sweepInterval();

        /** An active identity unused this long (since created, if never used) is suspended. */
        @WithDefault("P90D")
        Duration suspendUnusedAfter();

        /** An identity suspended by the lifecycle and not reactivated within this is revoked. */
        @WithDefault("P30D")
        Duration revokeSuspendedAfter();

        /** Overrides per identity kind, e.g. {@code kinds."ci-job".suspend-unused-after=P30D}. */
        Map<String, KindRules> kinds();

        interface KindRules {

            /** {@code false}: identities of this kind are never suspended or revoked for being unused. */
            @WithDefault("true")
            boolean enabled();

            Optional<Duration> suspendUnusedAfter();

            Optional<Duration> revokeSuspendedAfter();
        }

        /** Where owners (and admins) are told about automatic actions. */
        @WithName("notify")
        Notify notification();

        interface Notify {

            /** The webhook that gets owner notifications; none: nothing is sent (the action log still shows all). */
            Optional<URI> webhookUrl();

            /** The webhook for notices nobody owns (orphaned identities); default: {@code webhook-url}. */
            Optional<URI> adminWebhookUrl();

            /** With it, every delivery carries {@code X-Gatehouse-Signature: sha256=<HMAC-SHA256 of the body>}. Never logged. */
            Optional<String> webhookSecret();

            /** {@code json} (the full notification) or {@code slack} (a Slack-compatible {@code {"text": …}}). */
            @WithDefault("json")
            NotificationFormat format();

            /** Owners are warned this long before a suspension; none: no warning. */
            Optional<Duration> warnBefore();

            /** How often pending notifications are looked for. */
            @WithDefault("10S")
            Duration interval();

            /** The wait after the first failed delivery; it doubles per failure up to {@code retry-max}. */
            @WithDefault("30S")
            Duration retryInitial();

            @WithDefault("1H")
            Duration retryMax();

            @WithDefault("10S")
            Duration timeout();
        }

        enum NotificationFormat {
            JSON, SLACK
        }
    }
}
