package org.gatehouse.health.probes;

import java.lang.System.Logger;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.gatehouse.sdk.health.HealthProbe;
import org.gatehouse.sdk.health.ProbeRequest;
import org.gatehouse.sdk.health.ProbeResult;
import org.gatehouse.sdk.health.ProbeType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Probes a target with a WebSocket handshake to {@code ws(s)://<host>:<port><path>} and one ping: healthy when the
 * pong with the same payload arrives within the request's timeout ({@code pong in N ms}, counted from the ping),
 * otherwise unhealthy with what went wrong (the handshake's status, a timeout, a close by the peer).
 *
 * <p>Each probe opens its own connection and never leaves it open: after a pong it sends close 1000 and waits for
 * the peer's close at most the probe's timeout before cutting the connection; after a failure it aborts at once.
 * A {@code Sec-WebSocket-Protocol} header is offered as the handshake's subprotocols.
 */
@Component(service = HealthProbe.class)
@ProbeType("websocket")
public final class WebSocketHealthProbe implements HealthProbe {

    private static final Logger logger = System.getLogger(WebSocketHealthProbe.class.getName());

    private static final String PROTOCOL_HEADER = "Sec-WebSocket-Protocol";

    /** Headers the JDK's WebSocket handshake sets itself and refuses from the caller. */
    private static final Set<String> HANDSHAKE_HEADERS = Set.of("sec-websocket-accept", "sec-websocket-extensions",
            "sec-websocket-key", "sec-websocket-version");

    private final HeaderFilter headerFilter = new HeaderFilter(logger, "websocket");
    private final ProbeClientSlot slot = new ProbeClientSlot("gatehouse-probe-websocket");

    @Activate
    void activate() {
        slot.open();
    }

    @Deactivate
    void deactivate() {
        slot.close();
    }

    @Override
    public CompletionStage<ProbeResult> probe(ProbeRequest request) {
        Optional<ProbeClient> active = slot.current();
        if (active.isEmpty()) {
            return CompletableFuture.completedFuture(ProbeResult.unhealthy("probe is not active"));
        }
        ProbeClient current = active.get();
        PingExchange exchange = new PingExchange(request.timeout());
        CompletableFuture<WebSocket> handshake;
        try {
            WebSocket.Builder builder = current.http().newWebSocketBuilder().connectTimeout(request.timeout());
            addHeaders(builder, request.headers());
            handshake = builder.buildAsync(Probes.uri(request.secure() ? "wss" : "ws", request), exchange);
        } catch (RuntimeException e) {
            // A malformed path or subprotocol, or a non-positive timeout: the probe cannot even start.
            return CompletableFuture.completedFuture(ProbeResult.unhealthy("cannot probe: " + e.getMessage()));
        }
        return current.track(exchange.start(handshake));
    }

    private void addHeaders(WebSocket.Builder builder, Map<String, String> headers) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            if (name.equalsIgnoreCase(PROTOCOL_HEADER)) {
                offerSubprotocols(builder, header.getValue());
            } else if (HANDSHAKE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headerFilter.skip(name, "the WebSocket handshake sets it");
            } else if (headerFilter.accepts(name, header.getValue())) {
                builder.header(name, header.getValue());
            }
        }
    }

    private static void offerSubprotocols(WebSocket.Builder builder, String value) {
        List<String> offers = new ArrayList<>();
        for (String offer : value.split(",")) {
            if (!offer.isBlank()) {
                offers.add(offer.trim());
            }
        }
        if (!offers.isEmpty()) {
            builder.subprotocols(offers.get(0), offers.subList(1, offers.size()).toArray(String[]::new));
        }
    }

    /** One probe: the handshake, one ping and its pong, then the close. The listener of the probe's WebSocket. */
    private static final class PingExchange implements WebSocket.Listener {

        private final Duration timeout;
        private final ByteBuffer payload;
        /** The first thing that happened: a pong, a failure. The outcome adds the timeout. */
        private final CompletableFuture<ProbeResult> first = new CompletableFuture<>();
        private final CompletableFuture<Void> peerClosed = new CompletableFuture<>();
        private volatile long pingSentNanos;

        // Guarded by this: whether the outcome is known, and the WebSocket once open; whoever comes second closes it.
        private boolean finished;
        private WebSocket webSocket;

        PingExchange(Duration timeout) {
            this.timeout = timeout;
            this.payload = ByteBuffer.allocate(Long.BYTES).putLong(0, ThreadLocalRandom.current().nextLong());
        }

        CompletableFuture<ProbeResult> start(CompletableFuture<WebSocket> handshake) {
            handshake.whenComplete((ws, failure) -> {
                if (failure != null) {
                    first.complete(ProbeResult.unhealthy(handshakeFailure(failure)));
                }
            });
            CompletableFuture<ProbeResult> outcome = first
                    .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    .handle((result, failure) -> result != null ? result : ProbeResult.unhealthy(timedOut()));
            // Completed by the exchange, the timeout, or the component stopping: release the connection.
            outcome.whenComplete((result, failure) -> finish(result != null && result.healthy()));
            return outcome;
        }

        @Override
        public void onOpen(WebSocket ws) {
            boolean late;
            synchronized (this) {
                webSocket = ws;
                late = finished;
            }
            if (late) {
                ws.abort();
                return;
            }
            ws.request(1);
            pingSentNanos = System.nanoTime();
            ws.sendPing(payload.duplicate()).whenComplete((w, failure) -> {
                if (failure != null) {
                    first.complete(ProbeResult.unhealthy("ping failed: " + Probes.reason(failure, timeout)));
                }
            });
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            if (message.equals(payload)) {
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pingSentNanos);
                first.complete(ProbeResult.healthy("pong in " + millis + " ms"));
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            first.complete(ProbeResult.unhealthy("closed by the peer before the pong: " + statusCode
                    + (reason.isEmpty() ? "" : " " + reason)));
            peerClosed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            first.complete(ProbeResult.unhealthy(Probes.reason(error, timeout)));
            peerClosed.complete(null);
        }

        private void finish(boolean healthy) {
            WebSocket ws;
            synchronized (this) {
                finished = true;
                ws = webSocket;
            }
            if (ws == null) {
                return; // not open (yet): a late onOpen aborts it
            }
            if (!healthy) {
                ws.abort();
                return;
            }
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((w, failure) -> {
                if (failure != null) {
                    ws.abort();
                    return;
                }
                // The JDK drops the connection when the peer's close arrives; a peer that never sends one is cut.
                peerClosed.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).exceptionally(timedOut -> {
                    ws.abort();
                    return null;
                });
            });
        }

        private String handshakeFailure(Throwable failure) {
            Throwable cause = Probes.unwrap(failure);
            if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
                return "handshake " + Probes.timedOut(timeout);
            }
            return Probes.reason(failure, timeout);
        }

        private synchronized String timedOut() {
            return webSocket == null
                    ? "handshake " + Probes.timedOut(timeout)
                    : "no pong within " + timeout.toMillis() + " ms";
        }
    }
}
