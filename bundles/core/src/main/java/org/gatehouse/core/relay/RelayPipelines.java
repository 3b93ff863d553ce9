package org.gatehouse.core.relay;

import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.timeout.IdleStateHandler;

import org.gatehouse.core.config.WebSocketConfig;

/** Adds the relay's handlers, one responsibility each, to both legs of a session whose handshakes are done. */
public final class RelayPipelines {

    private RelayPipelines() {
    }

    public static void install(ProxySession session, WebSocketConfig config) {
        for (Leg leg : Leg.values()) {
            ChannelPipeline pipeline = session.channel(leg).pipeline();
            pipeline.addLast("utf8-validator", new Utf8FrameValidator(true));
            pipeline.addLast("idle", new IdleStateHandler(config.pongWait().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
            pipeline.addLast("keepalive", new KeepAliveHandler(session, leg, config.pingPeriod().toMillis()));
            pipeline.addLast("message-size-limit", new MessageSizeLimitHandler(session, leg, config.maxMessageSize()));
            pipeline.addLast("relay", new FrameRelayHandler(session, leg));
        }
    }
}
