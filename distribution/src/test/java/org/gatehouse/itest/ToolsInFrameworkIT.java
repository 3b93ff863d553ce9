package org.gatehouse.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The test tools work inside the framework, without the gateway: {@link TestClient} and {@link TestUpstream} run on
 * the distribution's Netty bundles (the probe imports them dynamically), compression included, and the leak check
 * is armed there, and {@link LogCapture} sees what the core logs. If this class fails, the other integration tests'
 * failures say nothing about the gateway.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ToolsInFrameworkIT extends GatewayTestBase {

    @Configuration
    public Option[] config() {
        String yaml = new GatewayYaml()
                .upstream(new GatewayYaml.UpstreamYaml("unused").target(GatehouseOptions.freePort()))
                .route("/ws/unused", "unused")
                .render();
        return GatehouseOptions.gateway(getClass(), yaml);
    }

    @Test
    public void nettyComesFromTheDistributionsBundles() {
        Bundle probe = FrameworkUtil.getBundle(getClass());
        Bundle netty = FrameworkUtil.getBundle(io.netty.handler.codec.http.websocketx.WebSocketFrame.class);
        assertTrue("probe runs in the framework", probe != null && probe.getBundleId() > 0);
        assertEquals("io.netty.codec-http", netty == null ? "the class path" : netty.getSymbolicName());
    }

    @Test
    public void clientAndUpstreamTalkWithDeflateAndFragments() {
        TestUpstream upstream = startUpstream(TestUpstream.builder().acceptDeflate(true).subprotocols("b"));
        TestClient client = connect(TestClient.to(URI.create("ws://127.0.0.1:" + upstream.port() + "/x?q=1"))
                .offerDeflate().subprotocols("a", "b")).assertUpgraded();
        TestUpstream.UpstreamConnection leg = upstream.nextConnection(WAIT);
        assertEquals("b", client.subprotocol());
        assertTrue(client.extensions(), client.extensions().contains("permessage-deflate"));
        assertEquals("/x?q=1", leg.request().uri());

        client.sendTextFragments("in ", "the ", "framework");
        List<Frame> fragments = List.of(Frame.text("in ", false), Frame.continuation("the ", false),
                Frame.continuation("framework", true));
        assertEquals(fragments, leg.nextMessage(WAIT).frames());
        assertEquals(fragments, client.nextMessage(WAIT).frames());

        byte[] big = Payloads.compressible(1024 * 1024);
        client.sendBinary(big);
        Payloads.assertSameBytes(big, client.nextMessage(Duration.ofSeconds(30)).data());

        client.sendClose(4001, "bye");
        assertEquals(new CloseStatus(4001, "bye"), leg.awaitCloseFrame(WAIT));
        client.awaitDisconnected(WAIT);
    }

    @Test
    public void logCaptureSeesWhatTheCoreLogs() {
        Gateway gateway = gateway();
        Path configFile = Paths.get(System.getProperty(GatehouseOptions.CONFIG_PROPERTY));
        long rejections = gateway.rejections();
        try (LogCapture log = LogCapture.attach()) {
            // A route path without /ws/ is refused, and the core logs why, naming the file.
            GatewayYaml.replace(configFile, new GatewayYaml()
                    .upstream(new GatewayYaml.UpstreamYaml("unused").target(GatehouseOptions.freePort()))
                    .route("/elsewhere/unused", "unused")
                    .render());
            gateway.awaitRejectionsAbove(rejections, WAIT);

            String line = log.await("naming the refused file", LogCapture.containing(configFile.toString()), WAIT);
            assertTrue(line, line.contains("/elsewhere/unused"));
        }
    }
}
