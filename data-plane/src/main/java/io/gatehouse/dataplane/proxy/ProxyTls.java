package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * TLS on the proxy listener: both PEM files or neither. With TLS, ALPN offers h2 (unless turned off) and
 * http/1.1; HTTP/2 connections get the same header-size bound as HTTP/1.1 ones and a bound on concurrent
 * streams. Plain-text HTTP/2 (h2c) is never offered.
 */
final class ProxyTls {

    private ProxyTls() {
    }

    /** Whether the settings ask for TLS; a half or unreadable setting stops the service with what to fix. */
    static boolean enabled(DataPlaneConfig.Tls tls) {
        boolean cert = tls.certFile().filter(file -> !file.isBlank()).isPresent();
        boolean key = tls.keyFile().filter(file -> !file.isBlank()).isPresent();
        if (cert != key) {
            throw new IllegalStateException("gatehouse.proxy.tls.cert-file and gatehouse.proxy.tls.key-file must be set together"
                    + " (TLS on the proxy listener), or neither (plain HTTP/1.1)");
        }
        if (cert) {
            requireReadable("gatehouse.proxy.tls.cert-file", tls.certFile().get());
            requireReadable("gatehouse.proxy.tls.key-file", tls.keyFile().get());
        }
        return cert;
    }

    static void apply(DataPlaneConfig.Proxy proxy, HttpServerOptions options) {
        DataPlaneConfig.Tls tls = proxy.tls();
        options.setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certFile().get()).setKeyPath(tls.keyFile().get()));
        if (tls.http2()) {
            options.setUseAlpn(true)
                    .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
                    .setInitialSettings(new Http2Settings()
                            .setMaxConcurrentStreams(tls.http2MaxConcurrentStreams())
                            .setMaxHeaderListSize(proxy.maxHeaderSize()));
        }
    }

    private static void requireReadable(String key, String file) {
        if (!Files.isReadable(Path.of(file))) {
            throw new IllegalStateException(key + " names " + file + ", which cannot be read; mount the PEM file there"
                    + " or unset both TLS settings");
        }
    }
}
