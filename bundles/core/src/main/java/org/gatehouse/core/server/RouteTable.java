package org.gatehouse.core.server;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.gatehouse.core.config.RouteConfig;

/**
 * Finds the route of a request path: the longest route prefix that matches at a path-segment boundary, so that
 * {@code /ws/echo} matches {@code /ws/echo} and {@code /ws/echo/room} but not {@code /ws/echoes}.
 */
public final class RouteTable {

    private final List<RouteConfig> longestFirst;

    public RouteTable(List<RouteConfig> routes) {
        longestFirst = routes.stream()
                .sorted(Comparator.comparingInt((RouteConfig route) -> route.path().length()).reversed())
                .toList();
    }

    public Optional<RouteConfig> match(String path) {
        for (RouteConfig route : longestFirst) {
            if (matches(route.path(), path)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String prefix, String path) {
        if (!path.startsWith(prefix)) {
            return false;
        }
        return path.length() == prefix.length() || prefix.endsWith("/") || path.charAt(prefix.length()) == '/';
    }
}
