package io.gatehouse.dataplane.policy;

public enum InjectionStyle {
    BEARER, HEADER, BASIC
}
