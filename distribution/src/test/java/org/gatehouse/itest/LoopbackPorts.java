package org.gatehouse.itest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for servers that a test starts after choosing their port (test upstreams written into a config,
 * a gateway process). They are taken below the kernel's ephemeral range: a port from {@code new ServerSocket(0)}
 * can be handed out again, in the meantime, as the local port of any outgoing connection or port-0 listener of the
 * same run, while ports below that range are only ever bound on purpose.
 */
public final class LoopbackPorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int DEFAULT_EPHEMERAL_START = 32768;
    private static final int CANDIDATES = 10_000;
    private static final int ATTEMPTS = 200;

    private LoopbackPorts() {
    }

    /** A loopback port below the ephemeral range that could be bound a moment ago. */
    public static int free() {
        int end = ephemeralStart();
        int start = Math.max(1024, end - CANDIDATES);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(start, end);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                return port;
            } catch (IOException taken) {
                // try another one
            }
        }
        throw new IllegalStateException("no free loopback port in " + start + "-" + (end - 1) + " after "
                + ATTEMPTS + " attempts");
    }

    private static int ephemeralStart() {
        try {
            // One line, "<first> <last>"; procfs reports a size of 0, so read lines rather than by size.
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_START;
        }
    }
}
