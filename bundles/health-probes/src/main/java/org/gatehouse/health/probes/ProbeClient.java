package org.gatehouse.health.probes;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.gatehouse.sdk.health.ProbeResult;

/**
 * One probe component's HTTP client: HTTP/1.1, no redirects, a bounded connect timeout, and its own small pool of
 * daemon threads for the client's callbacks. Remembers the probes still running so that {@link #close} ends them.
 *
 * <p>JDK 17 has no way to stop an {@link HttpClient}: {@link #close} ends the pool's threads (at once when idle, else
 * once the tasks at hand are done), and the client's own selector thread ends once the client is no longer referenced.
 */
final class ProbeClient {

    /** Bounds the TCP connect; each probe is further bounded by its own timeout. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private static final int THREADS = 2;

    private final ThreadPoolExecutor executor;
    private final HttpClient http;
    private final Set<CompletableFuture<ProbeResult>> running = ConcurrentHashMap.newKeySet();

    ProbeClient(String threadName) {
        AtomicInteger count = new AtomicInteger();
        executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, threadName + '-' + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                // After close(), the client's last callbacks for exchanges still ending (an abort, a late handshake)
                // run on the common pool: dropped, they would stall those exchanges until their own timeouts.
                (task, pool) -> ForkJoinPool.commonPool().execute(task));
        executor.allowCoreThreadTimeOut(true);
        http = HttpClient.newBuilder()
                .executor(executor)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    HttpClient http() {
        return http;
    }

    /** Remembers a probe until its result is complete. */
    CompletableFuture<ProbeResult> track(CompletableFuture<ProbeResult> result) {
        running.add(result);
        result.whenComplete((r, failure) -> running.remove(result));
        return result;
    }

    /** Completes the running probes as unhealthy (they release their connections) and ends the threads. */
    void close() {
        for (CompletableFuture<ProbeResult> result : running) {
            result.complete(ProbeResult.unhealthy("probe stopped"));
        }
        executor.shutdown();
    }
}
