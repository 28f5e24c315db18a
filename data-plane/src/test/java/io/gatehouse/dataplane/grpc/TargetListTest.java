package io.gatehouse.dataplane.grpc;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TargetListTest {

    @Test
    void quarkusAppendsTheDefaultPortToTheListItTakesFromTheHostSetting() {
        assertEquals(List.of(new TargetList.Target("localhost", 9081)),
                TargetList.fromChannelPath("/localhost:9081").targets());
        assertEquals(List.of(new TargetList.Target("cp-a", 9081), new TargetList.Target("cp-b", 9181)),
                TargetList.fromChannelPath("/cp-a:9081,cp-b:9181:9081").targets());
        assertEquals(List.of(new TargetList.Target("cp-a", 9081), new TargetList.Target("cp-b", 9081)),
                TargetList.fromChannelPath("/cp-a, cp-b:9081").targets());
        assertEquals(List.of(new TargetList.Target("127.0.0.1", 7001), new TargetList.Target("cp-b", 9081)),
                TargetList.fromChannelPath("/127.0.0.1:7001,cp-b:9081").targets());
    }

    @Test
    void theOrderIsKeptAndDuplicatesAreHarmless() {
        assertEquals("b:2,a:1,b:2", TargetList.parse("b:2,a:1,b:2", 9).toString());
    }

    @Test
    void malformedListsAreRefusedWithTheEntryNamed() {
        assertThrows(IllegalArgumentException.class, () -> TargetList.parse(" , ", 9081));
        assertThrows(IllegalArgumentException.class, () -> TargetList.parse("cp-a:http", 9081));
        assertThrows(IllegalArgumentException.class, () -> TargetList.parse("cp-a:70000", 9081));
        assertThrows(IllegalArgumentException.class, () -> TargetList.parse("[::1]:9081", 9081));
        assertThrows(IllegalArgumentException.class, () -> TargetList.parse(":9081", 9081));
        assertThrows(IllegalArgumentException.class, () -> TargetList.fromChannelPath("/cp-a"));
    }
}
