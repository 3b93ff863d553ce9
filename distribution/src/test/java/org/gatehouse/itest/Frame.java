package org.gatehouse.itest;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * A data frame as one peer saw it: a copy, so a test can keep it after the Netty frame was released or passed on.
 *
 * @param kind text, binary or continuation
 * @param fin whether it is the last fragment of its message
 * @param payload the payload, after any permessage-deflate decompression
 */
public record Frame(Kind kind, boolean fin, byte[] payload) {

    /** The data frame types; control frames are kept apart by {@link WebSocketPeer}. */
    public enum Kind {
        TEXT, BINARY, CONTINUATION
    }

    public Frame {
        payload = payload.clone();
    }

    public static Frame text(String text, boolean fin) {
        return new Frame(Kind.TEXT, fin, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Frame binary(byte[] data, boolean fin) {
        return new Frame(Kind.BINARY, fin, data);
    }

    public static Frame continuation(String text, boolean fin) {
        return new Frame(Kind.CONTINUATION, fin, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Frame continuation(byte[] data, boolean fin) {
        return new Frame(Kind.CONTINUATION, fin, data);
    }

    /** Copies a received data frame; does not release it. Returns null for control frames. */
    static Frame copyOf(WebSocketFrame frame) {
        Kind kind;
        if (frame instanceof TextWebSocketFrame) {
            kind = Kind.TEXT;
        } else if (frame instanceof BinaryWebSocketFrame) {
            kind = Kind.BINARY;
        } else if (frame instanceof ContinuationWebSocketFrame) {
            kind = Kind.CONTINUATION;
        } else {
            return null;
        }
        return new Frame(kind, frame.isFinalFragment(), ByteBufUtil.getBytes(frame.content()));
    }

    /** A new Netty frame carrying this payload; the caller owns it (writing it passes ownership on). */
    WebSocketFrame toNetty() {
        ByteBuf content = Unpooled.wrappedBuffer(payload.clone());
        return switch (kind) {
            case TEXT -> new TextWebSocketFrame(fin, 0, content);
            case BINARY -> new BinaryWebSocketFrame(fin, 0, content);
            case CONTINUATION -> new ContinuationWebSocketFrame(fin, 0, content);
        };
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int length() {
        return payload.length;
    }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.kind == kind && f.fin == fin && java.util.Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, fin, java.util.Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        String shown = payload.length <= 64 && kind != Kind.BINARY ? '"' + text() + '"' : payload.length + " bytes";
        return kind + (fin ? "(fin, " : "(more, ") + shown + ')';
    }
}
