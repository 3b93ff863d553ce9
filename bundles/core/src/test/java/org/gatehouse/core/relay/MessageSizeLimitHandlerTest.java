package org.gatehouse.core.relay;

import static org.gatehouse.core.relay.ProxySessionTest.assertClose;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import org.gatehouse.core.testing.LeakDetection;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

public class MessageSizeLimitHandlerTest {

    @Rule
    public final LeakDetection leakDetection = new LeakDetection();

    private final EmbeddedChannel client = new EmbeddedChannel();
    private final EmbeddedChannel upstream = new EmbeddedChannel();
    private final ProxySession session = new ProxySession(client, upstream, 1000, true, why -> { });

    {
        client.pipeline().addLast(new MessageSizeLimitHandler(session, Leg.CLIENT, 10),
                new FrameRelayHandler(session, Leg.CLIENT));
        upstream.pipeline().addLast(new FrameRelayHandler(session, Leg.UPSTREAM));
    }

    @After
    public void nothingIsLeftOver() {
        client.finishAndReleaseAll();
        upstream.finishAndReleaseAll();
    }

    @Test
    public void aMessageUpToTheLimitPasses() {
        client.writeInbound(new TextWebSocketFrame(false, 0, "12345"));
        client.writeInbound(new ContinuationWebSocketFrame(true, 0, "67890"));

        release(upstream.readOutbound());
        release(upstream.readOutbound());
        assertNull(client.readOutbound());
    }

    @Test
    public void theSizeCountsAgainFromEachNewMessage() {
        for (int i = 0; i < 3; i++) {
            client.writeInbound(new TextWebSocketFrame("1234567890"));
            release(upstream.readOutbound());
        }
        assertNull(client.readOutbound());
    }

    @Test
    public void aFragmentedMessageOverTheLimitGetsTheSender1009AndTheOtherLeg1001() {
        client.writeInbound(new TextWebSocketFrame(false, 0, "123456"));
        release(upstream.readOutbound());

        client.writeInbound(new ContinuationWebSocketFrame(true, 0, "789012"));

        assertClose(client.readOutbound(), 1009, "message exceeds max_message_size (10 bytes)");
        assertFalse(client.isOpen());
        assertClose(upstream.readOutbound(), 1001, "client went away");
        assertNull(upstream.readOutbound());
    }

    /** Releases a frame that must have been forwarded. */
    private static void release(WebSocketFrame frame) {
        assertNotNull("forwarded frame", frame);
        frame.release();
    }
}
