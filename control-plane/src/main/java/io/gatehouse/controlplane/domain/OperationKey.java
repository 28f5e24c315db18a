package io.gatehouse.controlplane.domain;

import java.util.Comparator;

/**
 * One operation of a resource as usage evidence counts it: a method and the path pattern (route) of the grant that
 * allows it. {@code resource} is null for calls that reached no resource, {@code route} null for calls no grant allowed.
 */
public record OperationKey(String resource, String method, String route) {

    public static final Comparator<OperationKey> ORDER = Comparator
            .comparing((OperationKey key) -> String.valueOf(key.resource()))
            .thenComparing(key -> String.valueOf(key.route()))
            .thenComparing(key -> String.valueOf(key.method()));
}
