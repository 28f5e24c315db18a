package io.gatehouse.dataplane.proxy;

import java.util.Collection;
import java.util.List;

/** The peers (load balancers, ingress proxies) whose X-Forwarded-For/Forwarded the proxy believes. */
final class TrustedProxies {

    static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<CidrBlock> blocks;

    private TrustedProxies(List<CidrBlock> blocks) {
        this.blocks = blocks;
    }

    /** @throws IllegalArgumentException naming the entry that is not a CIDR block */
    static TrustedProxies of(Collection<String> cidrs) {
        return new TrustedProxies(cidrs.stream().filter(cidr -> !cidr.isBlank()).map(CidrBlock::parse).toList());
    }

    boolean trusts(String peerAddress) {
        return peerAddress != null && blocks.stream().anyMatch(block -> block.contains(peerAddress));
    }
}
