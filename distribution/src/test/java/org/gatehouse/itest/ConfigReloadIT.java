package org.gatehouse.itest;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The core polls its config file: a valid change applies to new connections only, an invalid one is refused and
 * the last valid config stays (CONTRACTS.md, runtime wiring). The listener's service properties count both.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigReloadIT extends GatewayTestBase {

    private static final String FIRST_PORT = "itest.reload.first.port";
    private static final String SECOND_PORT = "itest.reload.second.port";

    private TestUpstream first;
    private TestUpstream second;

    @Configuration
    public Option[] config() {
        int firstPort = GatehouseOptions.freePort();
        int secondPort = GatehouseOptions.freePort();
        return GatehouseOptions.gateway(getClass(), configPointingAt(firstPort, "/ws/main"),
                GatehouseOptions.property(FIRST_PORT, firstPort),
                GatehouseOptions.property(SECOND_PORT, secondPort));
    }

    private static String configPointingAt(int port, String routePath) {
        return new GatewayYaml()
                .upstream(new GatewayYaml.UpstreamYaml("main").target(port))
                .route(routePath, "main")
                .render();
    }

    @Before
    public void startUpstreams() {
        first = startUpstream(TestUpstream.builder().port(GatehouseOptions.intProperty(FIRST_PORT)));
        second = startUpstream(TestUpstream.builder().port(GatehouseOptions.intProperty(SECOND_PORT)));
    }

    @Test
    public void validChangeAppliesToNewConnectionsAndInvalidChangeIsRefused() {
        Gateway gateway = gateway();
        Path configFile = Paths.get(System.getProperty(GatehouseOptions.CONFIG_PROPERTY));
        TestClient before = open("/ws/main");
        TestUpstream.UpstreamConnection beforeLeg = first.nextConnection(WAIT);
        long generation = gateway.generation();
        long rejections = gateway.rejections();

        GatewayYaml.replace(configFile, configPointingAt(second.port(), "/ws/main"));
        long applied = gateway.awaitGenerationAbove(generation, WAIT);

        assertEquals("one reload applied", generation + 1, applied);
        assertEquals("nothing refused", rejections, gateway.rejections());
        TestClient after = open("/ws/main");
        second.nextConnection(WAIT);
        assertEcho(after, "to the second upstream");
        assertEcho(before, "still to the first upstream");
        assertEquals("the first upstream saw the old session's message", "still to the first upstream",
                beforeLeg.nextMessage(WAIT).text());
        assertEquals("new connections left the first upstream alone", 1, first.requestCount());

        // A route path without /ws/ is invalid; had it been applied, /ws/main would be gone (404).
        GatewayYaml.replace(configFile, configPointingAt(first.port(), "/elsewhere/main"));
        gateway.awaitRejectionsAbove(rejections, WAIT);

        assertEquals("the invalid file was not applied", applied, gateway.generation());
        TestClient afterInvalid = open("/ws/main");
        second.nextConnection(WAIT);
        assertEcho(afterInvalid, "still the last valid config");
        assertEquals(2, second.requestCount());
        assertEquals(1, first.requestCount());
    }

    private static void assertEcho(TestClient client, String text) {
        client.sendText(text);
        assertEquals(text, client.nextMessage(WAIT).text());
    }
}
