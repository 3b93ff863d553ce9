package org.gatehouse.core.upstream;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * An upstream WebSocket connection whose upgrade succeeded, not yet relaying: frames that arrive meanwhile are
 * held until {@link #startRelaying()}.
 *
 * @param channel the upstream channel, on the client channel's event loop
 * @param subprotocol the subprotocol the upstream chose, or null
 * @param responseHeaders the headers of the upstream's 101 answer
 */
public record UpstreamLeg(Channel channel, String subprotocol, HttpHeaders responseHeaders) {

    /** Releases the frames held since the upgrade to the handlers added after it, and resumes reading. */
    public void startRelaying() {
        channel.pipeline().remove(UpstreamHandshakeHandler.class);
        channel.config().setAutoRead(true);
    }
}
