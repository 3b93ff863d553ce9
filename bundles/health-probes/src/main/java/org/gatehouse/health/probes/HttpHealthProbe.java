package org.gatehouse.health.probes;

import java.lang.System.Logger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.gatehouse.sdk.health.HealthProbe;
import org.gatehouse.sdk.health.ProbeRequest;
import org.gatehouse.sdk.health.ProbeResult;
import org.gatehouse.sdk.health.ProbeType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Probes a target with an HTTP GET of {@code http(s)://<host>:<port><path>}: a 2xx answer is healthy
 * ({@code HTTP 200}), any other status unhealthy ({@code HTTP 503}), as is a connect error or no answer within the
 * request's timeout. The body is discarded. Connections are kept alive between probes as the JDK client does.
 */
@Component(service = HealthProbe.class)
@ProbeType("http")
public final class HttpHealthProbe implements HealthProbe {

    private static final Logger logger = System.getLogger(HttpHealthProbe.class.getName());

    private final HeaderFilter headerFilter = new HeaderFilter(logger, "http");
    private final ProbeClientSlot slot = new ProbeClientSlot("gatehouse-probe-http");

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
        Duration timeout = request.timeout();
        CompletableFuture<HttpResponse<Void>> exchange;
        try {
            String scheme = request.secure() ? "https" : "http";
            HttpRequest.Builder builder = HttpRequest.newBuilder(Probes.uri(scheme, request))
                    .timeout(timeout)
                    .GET();
            for (Map.Entry<String, String> header : request.headers().entrySet()) {
                if (headerFilter.accepts(header.getKey(), header.getValue())) {
                    builder.header(header.getKey(), header.getValue());
                }
            }
            exchange = current.http().sendAsync(builder.build(), BodyHandlers.discarding());
        } catch (RuntimeException e) {
            // A malformed path or a non-positive timeout: the probe cannot even start.
            return CompletableFuture.completedFuture(ProbeResult.unhealthy("cannot probe: " + e.getMessage()));
        }
        CompletableFuture<ProbeResult> result = exchange
                .handle((response, failure) -> failure == null
                        ? fromStatus(response.statusCode())
                        : ProbeResult.unhealthy(Probes.reason(failure, timeout)))
                .completeOnTimeout(ProbeResult.unhealthy(Probes.timedOut(timeout)), timeout.toNanos(),
                        TimeUnit.NANOSECONDS);
        // Done for whatever reason (answer, timeout, component stopped): abandon an exchange still in flight.
        result.whenComplete((r, failure) -> exchange.cancel(true));
        return current.track(result);
    }

    private static ProbeResult fromStatus(int status) {
        String detail = "HTTP " + status;
        return status >= 200 && status < 300 ? ProbeResult.healthy(detail) : ProbeResult.unhealthy(detail);
    }
}
