package org.gatehouse.core.relay;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import org.gatehouse.core.testing.LeakDetection;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

public class ProxySessionTest {

    private static final long CLOSE_TIMEOUT_MILLIS = 1000;

    @Rule
    public final LeakDetection leakDetection = new LeakDetection();

    private final List<String> upstreamFailures = new ArrayList<>();
    private final EmbeddedChannel client = new EmbeddedChannel();
    private final EmbeddedChannel upstream = new EmbeddedChannel();
    private final ProxySession session = new ProxySession(client, upstream, CLOSE_TIMEOUT_MILLIS, true, upstreamFailures::add);

    {
        client.pipeline().addLast(new FrameRelayHandler(session, Leg.CLIENT));
        upstream.pipeline().addLast(new FrameRelayHandler(session, Leg.UPSTREAM));
    }

    @After
    public void nothingIsLeftOver() {
        client.finishAndReleaseAll();
        upstream.finishAndReleaseAll();
    }

    @Test
    public void dataFramesCrossAsTheyAreBothWays() {
        TextWebSocketFrame text = new TextWebSocketFrame(false, 0, "hel");
        client.writeInbound(text);
        assertSame(text, upstream.readOutbound());
        text.release();

        ContinuationWebSocketFrame rest = new ContinuationWebSocketFrame(true, 0, "lo");
        client.writeInbound(rest);
        assertSame(rest, upstream.readOutbound());
        rest.release();

        BinaryWebSocketFrame binary = new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
        upstream.writeInbound(binary);
        assertSame(binary, client.readOutbound());
        binary.release();
    }

    @Test
    public void aClientCloseIsForwardedAndTheUpstreamsAnswerReturned() {
        client.writeInbound(new CloseWebSocketFrame(4001, "bye"));
        assertClose(upstream.readOutbound(), 4001, "bye");
        assertTrue(client.isOpen());

        upstream.writeInbound(new CloseWebSocketFrame(4001, "bye"));
        assertClose(client.readOutbound(), 4001, "bye");

        assertFalse(client.isOpen());
        assertFalse(upstream.isOpen());
        assertTrue(session.ended().isSuccess());
        assertEquals("a normal close is no failure", List.of(), upstreamFailures);
    }

    @Test
    public void anUpstreamCloseIsForwardedAndTheClientsAnswerReturned() {
        upstream.writeInbound(new CloseWebSocketFrame(4002, "done"));
        assertClose(client.readOutbound(), 4002, "done");

        client.writeInbound(new CloseWebSocketFrame(4002, "done"));
        assertClose(upstream.readOutbound(), 4002, "done");

        assertFalse(client.isOpen());
        assertFalse(upstream.isOpen());
        assertTrue(session.ended().isSuccess());
    }

    @Test
    public void anUpstreamThatVanishesGetsTheClient1011() {
        upstream.close();

        assertClose(client.readOutbound(), 1011, "upstream connection lost");
        client.writeInbound(new CloseWebSocketFrame(1011, ""));
        assertFalse(client.isOpen());
        assertTrue(session.ended().isSuccess());
        assertEquals(List.of("upstream connection lost"), upstreamFailures);
    }

    @Test
    public void aClientThatVanishesGetsTheUpstream1001() {
        client.close();

        assertClose(upstream.readOutbound(), 1001, "client went away");
    }

    @Test
    public void aLegThatDoesNotAnswerACloseIsClosedAfterTheTimeout() {
        upstream.close();
        assertClose(client.readOutbound(), 1011, "upstream connection lost");

        client.advanceTimeBy(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        client.runScheduledPendingTasks();

        assertFalse(client.isOpen());
        assertTrue(session.ended().isSuccess());
    }

    @Test
    public void pingsAreAnsweredOnTheirOwnLegAndNotForwarded() {
        client.writeInbound(new PingWebSocketFrame(Unpooled.copiedBuffer("beat", StandardCharsets.UTF_8)));

        PongWebSocketFrame pong = client.readOutbound();
        assertEquals("beat", pong.content().toString(StandardCharsets.UTF_8));
        pong.release();
        assertNull(upstream.readOutbound());
    }

    @Test
    public void nothingFollowsACloseFrameToTheSameLeg() {
        upstream.writeInbound(new CloseWebSocketFrame(1000, "bye"));
        assertClose(client.readOutbound(), 1000, "bye");

        upstream.writeInbound(new TextWebSocketFrame("too late"));

        assertNull(client.readOutbound());
    }

    @Test
    public void aLegThatCannotTakeMoreWritesPausesReadingFromTheOther() {
        upstream.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        upstream.runPendingTasks();
        assertFalse(client.config().isAutoRead());

        upstream.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        upstream.runPendingTasks();
        assertTrue(client.config().isAutoRead());
        assertEquals(1, session.backpressurePauses());
    }

    @Test
    public void goingAwayClosesBothLegsWith1001AndEndsWhenBothAnswer() {
        session.goingAway("gateway shutting down");
        assertClose(client.readOutbound(), 1001, "gateway shutting down");
        assertClose(upstream.readOutbound(), 1001, "gateway shutting down");

        client.writeInbound(new CloseWebSocketFrame(1001, ""));
        upstream.writeInbound(new CloseWebSocketFrame(1001, ""));

        assertTrue(session.ended().isSuccess());
    }

    @Test
    public void rehomingSendsTheClient1012AndTheUpstream1001() {
        session.rehome();

        assertClose(client.readOutbound(), 1012, "target unhealthy, reconnect");
        assertClose(upstream.readOutbound(), 1001, "target unhealthy, reconnect");
    }

    static void assertClose(WebSocketFrame frame, int code, String reason) {
        CloseWebSocketFrame close = (CloseWebSocketFrame) frame;
        try {
            assertEquals(code, close.statusCode());
            assertEquals(reason, close.reasonText());
        } finally {
            close.release();
        }
    }
}
