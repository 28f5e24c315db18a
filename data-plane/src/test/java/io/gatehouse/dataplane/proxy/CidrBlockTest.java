package io.gatehouse.dataplane.proxy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrBlockTest {

    @Test
    void matchesIpv4Blocks() {
        CidrBlock block = CidrBlock.parse("10.1.0.0/16");
        assertTrue(block.contains("10.1.0.1"));
        assertTrue(block.contains("10.1.255.255"));
        assertFalse(block.contains("10.2.0.1"));
        assertFalse(block.contains("::1"));
    }

    @Test
    void matchesPrefixesThatEndInsideAByte() {
        CidrBlock block = CidrBlock.parse("192.168.1.64/27");
        assertTrue(block.contains("192.168.1.64"));
        assertTrue(block.contains("192.168.1.95"));
        assertFalse(block.contains("192.168.1.96"));
        assertFalse(block.contains("192.168.1.63"));
    }

    @Test
    void aBareAddressIsASingleHostAndIpv4MappedPeersMatchIpv4Blocks() {
        assertTrue(CidrBlock.parse("127.0.0.1").contains("127.0.0.1"));
        assertFalse(CidrBlock.parse("127.0.0.1").contains("127.0.0.2"));
        assertTrue(CidrBlock.parse("127.0.0.0/8").contains("::ffff:127.0.0.9"));
    }

    @Test
    void matchesIpv6Blocks() {
        CidrBlock block = CidrBlock.parse("fd00::/8");
        assertTrue(block.contains("fd12:3456::1"));
        assertTrue(block.contains("[fd12::1]"));
        assertFalse(block.contains("fe80::1"));
        assertTrue(CidrBlock.parse("0.0.0.0/0").contains("203.0.113.7"));
    }

    @Test
    void neverResolvesNames() {
        assertFalse(CidrBlock.parse("0.0.0.0/0").contains("localhost"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/x", "example.com", "10.0.0/8", "::1/129", ""})
    void refusesWhatIsNotACidrBlock(String cidr) {
        assertThrows(IllegalArgumentException.class, () -> CidrBlock.parse(cidr));
    }
}
