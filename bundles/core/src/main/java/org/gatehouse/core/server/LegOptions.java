package org.gatehouse.core.server;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;

import org.gatehouse.core.config.WebSocketConfig;

/**
 * Applies an upstream's buffer settings to one leg. {@code read_buffer_size} is the initial size of the adaptive
 * receive buffer (it grows under bulk traffic and shrinks back when idle); {@code write_buffer_size} is the high
 * water mark of the outbound buffer (the low mark is half of it): past it, reading from the other leg pauses.
 */
public final class LegOptions {

    /** How far a receive buffer may grow under bulk traffic. */
    private static final int MAX_RECEIVE_BUFFER = 64 * 1024;
    private static final int MIN_RECEIVE_BUFFER = 64;

    private LegOptions() {
    }

    public static void apply(ChannelConfig channel, WebSocketConfig config) {
        int initial = config.readBufferSize();
        channel.setRecvByteBufAllocator(new AdaptiveRecvByteBufAllocator(Math.min(MIN_RECEIVE_BUFFER, initial),
                initial, Math.max(initial, MAX_RECEIVE_BUFFER)));
        int high = config.writeBufferSize();
        channel.setWriteBufferWaterMark(new WriteBufferWaterMark(high / 2, high));
        channel.setOption(ChannelOption.TCP_NODELAY, true);
    }
}
