package org.gatehouse.core.server;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Optional;

import org.gatehouse.core.config.RouteConfig;
import org.junit.Test;

public class RouteTableTest {

    private final RouteTable routes = new RouteTable(List.of(
            new RouteConfig("/ws/", "catch-all"),
            new RouteConfig("/ws/echo", "echo"),
            new RouteConfig("/ws/echo/admin", "admin")));

    @Test
    public void theLongestMatchingPrefixWins() {
        assertEquals(upstream("admin"), match("/ws/echo/admin"));
        assertEquals(upstream("admin"), match("/ws/echo/admin/x"));
        assertEquals(upstream("echo"), match("/ws/echo/room"));
        assertEquals(upstream("echo"), match("/ws/echo"));
    }

    @Test
    public void aPrefixMatchesOnlyAtASegmentBoundary() {
        assertEquals(upstream("catch-all"), match("/ws/echoes"));
        assertEquals(Optional.empty(), new RouteTable(List.of(new RouteConfig("/ws/echo", "echo"))).match("/ws/echoes")
                .map(RouteConfig::upstream));
    }

    @Test
    public void aPathOutsideEveryRouteHasNoMatch() {
        assertEquals(Optional.empty(), match("/api/ws"));
        assertEquals(Optional.empty(), match("/"));
    }

    private Optional<String> match(String path) {
        return routes.match(path).map(RouteConfig::upstream);
    }

    private static Optional<String> upstream(String name) {
        return Optional.of(name);
    }
}
