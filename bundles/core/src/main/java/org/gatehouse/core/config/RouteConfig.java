package org.gatehouse.core.config;

/**
 * One entry of {@code routes}.
 *
 * @param path the path prefix, containing {@code /ws/}; the longest matching prefix wins
 * @param upstream the name of the upstream it proxies to
 */
public record RouteConfig(String path, String upstream) {
}
