package io.buildfactory.http.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    final ClientAddress behindProxies =
            new ClientAddress(List.of(ClientAddress.Cidr.parse("10.0.0.0/8"), ClientAddress.Cidr.parse("fd00::/8")));

    @Test
    void an_untrusted_peer_cannot_choose_its_address() {
        assertEquals("198.51.100.9", behindProxies.of("198.51.100.9", Optional.of("203.0.113.7")));
        assertEquals("198.51.100.9", new ClientAddress(List.of()).of("198.51.100.9", Optional.of("10.1.1.1")));
    }

    @Test
    void through_trusted_proxies_the_client_is_the_right_most_untrusted_hop() {
        assertEquals("203.0.113.7", behindProxies.of("10.0.0.2", Optional.of("203.0.113.7")));
        assertEquals("203.0.113.7", behindProxies.of("10.0.0.2", Optional.of("203.0.113.7, 10.0.0.5")));
        // what the client wrote itself, left of the first untrusted hop, proves nothing
        assertEquals("203.0.113.7", behindProxies.of("10.0.0.2", Optional.of("1.2.3.4, 203.0.113.7, 10.9.9.9")));
        assertEquals("10.0.0.7", behindProxies.of("10.0.0.2", Optional.of("10.0.0.7")), "all trusted: the last");
        assertEquals("2001:db8:0:0:0:0:0:1", behindProxies.of("fd00::1", Optional.of("2001:db8::1")));
        assertEquals("10.0.0.2", behindProxies.of("10.0.0.2", Optional.empty()));
    }

    @Test
    void garbage_in_the_header_stops_the_walk_and_no_name_is_looked_up() {
        assertEquals("10.0.0.2", behindProxies.of("10.0.0.2", Optional.of("not-an-address")));
        assertEquals("10.0.0.5", behindProxies.of("10.0.0.2", Optional.of("evil.example.com, 10.0.0.5")));
        assertEquals(Optional.empty(), ClientAddress.literal("localhost"));
        assertEquals(Optional.empty(), ClientAddress.literal("999.1.1.1"));
    }

    @Test
    void networks_parse_or_say_why_not() {
        assertTrue(ClientAddress.Cidr.parse("192.168.1.0/24")
                .contains(ClientAddress.literal("192.168.1.200").orElseThrow()));
        assertFalse(ClientAddress.Cidr.parse("192.168.1.0/24")
                .contains(ClientAddress.literal("192.168.2.1").orElseThrow()));
        assertTrue(ClientAddress.Cidr.parse("127.0.0.1")
                .contains(ClientAddress.literal("127.0.0.1").orElseThrow()));
        assertFalse(ClientAddress.Cidr.parse("::1")
                .contains(ClientAddress.literal("127.0.0.1").orElseThrow()));
        assertThrows(IllegalArgumentException.class, () -> ClientAddress.Cidr.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> ClientAddress.Cidr.parse("proxy.example.com"));
        assertThrows(IllegalArgumentException.class, () -> ClientAddress.Cidr.parse("10.0.0.0/x"));
    }
}
