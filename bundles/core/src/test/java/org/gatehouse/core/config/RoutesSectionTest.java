package org.gatehouse.core.config;

import static org.gatehouse.core.config.TestConfigs.UPSTREAMS;
import static org.gatehouse.core.config.TestConfigs.assertErrors;
import static org.gatehouse.core.config.TestConfigs.parse;
import static org.gatehouse.core.config.TestConfigs.withRoutes;
import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;

public class RoutesSectionTest {

    @Test
    public void readsSeveralRoutesToOneUpstream() throws ConfigException {
        assertEquals(List.of(new RouteConfig("/ws/echo", "echo"), new RouteConfig("/api/ws/v1", "echo")),
                parse(withRoutes("{path: /ws/echo, upstream: echo}", "{path: /api/ws/v1, upstream: echo}")).routes());
    }

    @Test
    public void requiresRoutes() {
        assertErrors(UPSTREAMS, "routes: required");
    }

    @Test
    public void refusesAnEmptyListOfRoutes() {
        assertErrors(withRoutes(), "routes: expected at least one entry, got an empty list");
    }

    @Test
    public void refusesARouteThatIsNotAMap() {
        assertErrors(withRoutes("/ws/echo"), "routes[0]: expected a map, got a string (\"/ws/echo\")");
    }

    @Test
    public void refusesAnUnknownKey() {
        assertErrors(withRoutes("{path: /ws/echo, upstream: echo, methods: [GET]}"),
                "routes[0].methods: unknown key (expected one of: path, upstream, plugins)");
    }

    @Test
    public void requiresAPathAndAnUpstream() {
        assertErrors(withRoutes("{plugins: []}"), "routes[0].path: required", "routes[0].upstream: required");
    }

    @Test
    public void refusesAPathWithoutWs() {
        assertErrors(withRoutes("{path: /api/x, upstream: echo}"), "routes[0].path: \"/api/x\" must contain \"/ws/\"");
        assertErrors(withRoutes("{path: /ws, upstream: echo}"), "routes[0].path: \"/ws\" must contain \"/ws/\"");
    }

    @Test
    public void refusesAPathThatDoesNotStartWithASlash() {
        assertErrors(withRoutes("{path: ws/echo, upstream: echo}"),
                "routes[0].path: \"ws/echo\" must start with \"/\"");
    }

    @Test
    public void refusesAPathThatIsNotAString() {
        assertErrors(withRoutes("{path: 1, upstream: echo}"), "routes[0].path: expected a string, got an integer (1)");
    }

    @Test
    public void refusesADuplicatePath() {
        assertErrors(withRoutes("{path: /ws/echo, upstream: echo}", "{path: /ws/other, upstream: echo}",
                "{path: /ws/echo, upstream: echo}"), "routes[2].path: duplicate route path \"/ws/echo\"");
    }

    @Test
    public void refusesADuplicatePathEvenWhenTheFirstRouteHasAnotherProblem() {
        assertErrors(withRoutes("{path: /ws/echo, upstream: chat}", "{path: /ws/echo, upstream: echo}"),
                "routes[0].upstream: no upstream named \"chat\"", "routes[1].path: duplicate route path \"/ws/echo\"");
    }

    @Test
    public void refusesAnUnknownUpstream() {
        assertErrors(withRoutes("{path: /ws/chat, upstream: chat}"), "routes[0].upstream: no upstream named \"chat\"");
    }

    @Test
    public void refusesAnEmptyUpstream() {
        assertErrors(withRoutes("{path: /ws/chat, upstream: ''}"),
                "routes[0].upstream: expected a non-empty string, got an empty string");
    }

    @Test
    public void refusesMessagePlugins() {
        assertErrors(withRoutes("{path: /ws/echo, upstream: echo, plugins: [{name: rate-limit}]}"),
                "routes[0].plugins: message plugins are not supported by this version yet");
    }

    @Test
    public void refusesPluginsThatAreNotAList() {
        assertErrors(withRoutes("{path: /ws/echo, upstream: echo, plugins: {}}"),
                "routes[0].plugins: expected a list, got a map");
    }
}
