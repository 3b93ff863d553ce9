package org.gatehouse.itest;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A whole message reassembled from its frames, keeping the frames so a test can check fragmentation.
 *
 * @param frames the frames in arrival order: the first is TEXT or BINARY, the rest CONTINUATION, the last has fin
 */
public record Message(List<Frame> frames) {

    public Message {
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("frames: empty (expected: at least one)");
        }
    }

    public Frame.Kind kind() {
        return frames.get(0).kind();
    }

    public byte[] data() {
        int length = frames.stream().mapToInt(Frame::length).sum();
        byte[] data = new byte[length];
        int at = 0;
        for (Frame frame : frames) {
            byte[] part = frame.payload();
            System.arraycopy(part, 0, data, at, part.length);
            at += part.length;
        }
        return data;
    }

    public String text() {
        return new String(data(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return kind() + " message of " + frames.size() + " frame(s), " + data().length + " bytes";
    }
}
