package org.gatehouse.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * permessage-deflate is negotiated on each leg on its own, and only when the upstream's {@code compression} is on
 * (CONTRACTS.md, after the upgrade); messages arrive intact whichever legs compress.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CompressionIT extends GatewayTestBase {

    private static final String PLAIN_PORT = "itest.compression.plain.port";
    private static final String DEFLATING_PORT = "itest.compression.deflating.port";
    private static final String OFF_PORT = "itest.compression.off.port";
    private static final String DEFLATE = "permessage-deflate";
    private static final Duration BIG = Duration.ofSeconds(30);

    private TestUpstream plain;
    private TestUpstream deflating;
    private TestUpstream behindCompressionOff;

    @Configuration
    public Option[] config() {
        int plainPort = GatehouseOptions.freePort();
        int deflatingPort = GatehouseOptions.freePort();
        int offPort = GatehouseOptions.freePort();
        String yaml = new GatewayYaml()
                .upstream(new GatewayYaml.UpstreamYaml("plain").target(plainPort))
                .upstream(new GatewayYaml.UpstreamYaml("deflating").target(deflatingPort))
                .upstream(new GatewayYaml.UpstreamYaml("no-deflate").target(offPort).set("compression", false))
                .route("/ws/plain", "plain")
                .route("/ws/deflating", "deflating")
                .route("/ws/off", "no-deflate")
                .render();
        return GatehouseOptions.gateway(getClass(), yaml,
                GatehouseOptions.property(PLAIN_PORT, plainPort),
                GatehouseOptions.property(DEFLATING_PORT, deflatingPort),
                GatehouseOptions.property(OFF_PORT, offPort));
    }

    @Before
    public void startUpstreams() {
        plain = startUpstream(TestUpstream.builder().port(GatehouseOptions.intProperty(PLAIN_PORT)));
        deflating = startUpstream(TestUpstream.builder().port(GatehouseOptions.intProperty(DEFLATING_PORT))
                .acceptDeflate(true));
        behindCompressionOff = startUpstream(TestUpstream.builder().port(GatehouseOptions.intProperty(OFF_PORT))
                .acceptDeflate(true));
    }

    @Test
    public void clientLegCompressesWhileUpstreamLegDoesNot() {
        TestClient client = connect(TestClient.to(ws("/ws/plain")).offerDeflate()).assertUpgraded();
        assertTrue("client leg: " + client.extensions(), client.extensions().contains(DEFLATE));
        TestUpstream.UpstreamConnection leg = plain.nextConnection(WAIT);
        assertEquals("upstream leg", "", leg.negotiatedExtensions());

        assertMessagesIntact(client, leg);
    }

    @Test
    public void upstreamLegCompressesWhileClientLegDoesNot() {
        TestClient client = open("/ws/deflating");
        assertEquals("client leg", "", client.extensions());
        TestUpstream.UpstreamConnection leg = deflating.nextConnection(WAIT);
        assertTrue("the gateway offers deflate upstream: " + leg.request(),
                String.valueOf(leg.request().header("Sec-WebSocket-Extensions")).contains(DEFLATE));
        assertTrue("upstream leg: " + leg.negotiatedExtensions(), leg.negotiatedExtensions().contains(DEFLATE));

        assertMessagesIntact(client, leg);
    }

    @Test
    public void compressionOffNegotiatesDeflateOnNeitherLeg() {
        TestClient client = connect(TestClient.to(ws("/ws/off")).offerDeflate()).assertUpgraded();
        assertFalse("client leg: " + client.extensions(), client.extensions().contains(DEFLATE));
        TestUpstream.UpstreamConnection leg = behindCompressionOff.nextConnection(WAIT);
        assertEquals("upstream leg, though the upstream would accept", "", leg.negotiatedExtensions());

        assertMessagesIntact(client, leg);
    }

    /** A text message and a compressible 1 MiB binary message, client to upstream and back. */
    private static void assertMessagesIntact(TestClient client, TestUpstream.UpstreamConnection leg) {
        assertTextRoundTrip(client, leg, "squeeze me, squeeze me, squeeze me, squeeze me");
        assertBinaryRoundTrip(client, leg, Payloads.compressible(1024 * 1024), BIG);
    }
}
