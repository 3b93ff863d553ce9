package org.gatehouse.itest;

import static org.junit.Assert.fail;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Predicate;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The running gateway as a test inside the framework sees it: the {@code java.net.SocketAddress} service the core
 * registers once its client listener is bound (CONTRACTS.md, runtime wiring), with the properties
 * {@code gatehouse.listener=client}, {@code gatehouse.config.generation}, {@code gatehouse.config.rejections} and
 * {@code gatehouse.targets.unhealthy} (CONTRACTS-5.md). Tests synchronise on their changes, never on time.
 */
public final class Gateway {

    public static final String LISTENER_FILTER =
            "(&(objectClass=java.net.SocketAddress)(gatehouse.listener=client))";
    public static final String GENERATION = "gatehouse.config.generation";
    public static final String REJECTIONS = "gatehouse.config.rejections";
    /** String[] of {@code <upstream>/<host:port>} currently unhealthy, empty when none. */
    public static final String UNHEALTHY = "gatehouse.targets.unhealthy";

    private final BundleContext context;
    private final ServiceReference<?> listener;
    private final InetSocketAddress address;

    private Gateway(BundleContext context, ServiceReference<?> listener, InetSocketAddress address) {
        this.context = context;
        this.listener = listener;
        this.address = address;
    }

    /** Waits, at most {@code timeout}, for the core's client listener service. */
    public static Gateway await(BundleContext context, Duration timeout) {
        ServiceTracker<SocketAddress, SocketAddress> tracker =
                new ServiceTracker<>(context, filter(context, LISTENER_FILTER), null);
        tracker.open();
        try {
            SocketAddress bound = tracker.waitForService(timeout.toMillis());
            ServiceReference<SocketAddress> reference = tracker.getServiceReference();
            if (bound == null || reference == null) {
                fail("no " + LISTENER_FILTER + " service within " + timeout + "; bundles: " + bundleStates(context));
            }
            if (!(bound instanceof InetSocketAddress inet)) {
                throw new AssertionError("listener service is a " + bound.getClass() + ", expected InetSocketAddress");
            }
            return new Gateway(context, reference, inet);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            tracker.close();
        }
    }

    /** The bound address as registered. */
    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    /** {@code ws://127.0.0.1:<port><pathAndQuery>}. */
    public URI ws(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + port() + pathAndQuery);
    }

    /** {@code http://127.0.0.1:<port><pathAndQuery>}. */
    public URI http(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    /** The listener service's id: unchanged as long as the core was not restarted. */
    public long serviceId() {
        return (Long) listener.getProperty(Constants.SERVICE_ID);
    }

    /** Whether the listener service is still registered. */
    public boolean isRegistered() {
        return listener.getBundle() != null;
    }

    public long generation() {
        return longProperty(listener, GENERATION);
    }

    public long rejections() {
        return longProperty(listener, REJECTIONS);
    }

    /** Waits, at most {@code timeout}, until {@code gatehouse.config.generation} exceeds {@code than}. */
    public long awaitGenerationAbove(long than, Duration timeout) {
        return awaitProperty(GENERATION, "to exceed " + than, Gateway::longProperty, v -> v > than, timeout);
    }

    /** Waits, at most {@code timeout}, until {@code gatehouse.config.rejections} exceeds {@code than}. */
    public long awaitRejectionsAbove(long than, Duration timeout) {
        return awaitProperty(REJECTIONS, "to exceed " + than, Gateway::longProperty, v -> v > than, timeout);
    }

    /** The targets now in {@code gatehouse.targets.unhealthy}, as {@code <upstream>/<host:port>}. */
    public List<String> unhealthyTargets() {
        return stringsProperty(listener, UNHEALTHY);
    }

    /**
     * Waits, at most {@code timeout}, until {@code gatehouse.targets.unhealthy} satisfies {@code wanted}; returns
     * the list that did. {@code what} describes the wait in the failure message.
     */
    public List<String> awaitUnhealthy(String what, Predicate<List<String>> wanted, Duration timeout) {
        return awaitProperty(UNHEALTHY, what, Gateway::stringsProperty, wanted, timeout);
    }

    /** Waits until {@code target} (see {@link #target}) is in {@code gatehouse.targets.unhealthy}. */
    public List<String> awaitUnhealthy(String target, Duration timeout) {
        return awaitUnhealthy("to contain " + target, list -> list.contains(target), timeout);
    }

    /** Waits until none of {@code targets} (see {@link #target}) is in {@code gatehouse.targets.unhealthy}. */
    public List<String> awaitHealthy(Collection<String> targets, Duration timeout) {
        return awaitUnhealthy("to contain none of " + targets,
                list -> list.stream().noneMatch(targets::contains), timeout);
    }

    /**
     * Starts watching {@code gatehouse.targets.unhealthy}: the returned watch completes with the
     * {@link System#nanoTime()} of the first change (or the present value) that satisfies {@code wanted}. For
     * measuring when a transition happened while the test thread is busy making handshakes.
     */
    public UnhealthyWatch watchUnhealthy(Predicate<List<String>> wanted) {
        return new UnhealthyWatch(wanted);
    }

    /** {@code <upstream>/127.0.0.1:<port>}: how a test target appears in {@code gatehouse.targets.unhealthy}. */
    public static String target(String upstream, int port) {
        return upstream + "/127.0.0.1:" + port;
    }

    /** A running watch of {@code gatehouse.targets.unhealthy}; close it to stop listening. */
    public final class UnhealthyWatch implements AutoCloseable {
        private final CompletableFuture<Long> reached = new CompletableFuture<>();
        private final ServiceListener watcher;

        private UnhealthyWatch(Predicate<List<String>> wanted) {
            watcher = event -> {
                if (event.getType() == ServiceEvent.MODIFIED && event.getServiceReference().equals(listener)
                        && wanted.test(stringsProperty(listener, UNHEALTHY))) {
                    reached.complete(System.nanoTime());
                }
            };
            addListener(watcher);
            if (wanted.test(unhealthyTargets())) {
                reached.complete(System.nanoTime());
            }
        }

        /** Whether the wanted state was seen. */
        public boolean reached() {
            return reached.isDone();
        }

        /** When the wanted state was first seen, waiting at most {@code timeout}; null if it was not. */
        public Long awaitNanoTime(Duration timeout) {
            try {
                return reached.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            } catch (ExecutionException e) {
                throw new AssertionError(e.getCause());
            }
        }

        @Override
        public void close() {
            context.removeServiceListener(watcher);
        }
    }

    /** Waits for a service property change announced by {@code ServiceRegistration.setProperties}. */
    private <T> T awaitProperty(String property, String what, BiFunction<ServiceReference<?>, String, T> read,
                                Predicate<T> wanted, Duration timeout) {
        CompletableFuture<T> reached = new CompletableFuture<>();
        ServiceListener watcher = event -> {
            if (event.getType() == ServiceEvent.MODIFIED && event.getServiceReference().equals(listener)) {
                T value = read.apply(listener, property);
                if (wanted.test(value)) {
                    reached.complete(value);
                }
            }
        };
        addListener(watcher);
        try {
            T now = read.apply(listener, property);
            if (wanted.test(now)) {
                return now;
            }
            return reached.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("waited " + timeout + " for " + property + " " + what + " in vain: it is "
                    + describe(listener.getProperty(property)) + " (generation " + generation() + ", rejections "
                    + rejections() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } finally {
            context.removeServiceListener(watcher);
        }
    }

    private void addListener(ServiceListener watcher) {
        try {
            context.addServiceListener(watcher, LISTENER_FILTER);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Object value) {
        return value instanceof String[] array ? Arrays.toString(array) : String.valueOf(value);
    }

    private static List<String> stringsProperty(ServiceReference<?> reference, String key) {
        Object value = reference.getProperty(key);
        if (!(value instanceof String[] array)) {
            throw new AssertionError("service property " + key + " is " + value
                    + (value == null ? "" : " (" + value.getClass().getName() + ")")
                    + ", expected a String[] (empty when no target is unhealthy)");
        }
        return List.of(array);
    }

    private static Long longProperty(ServiceReference<?> reference, String key) {
        Object value = reference.getProperty(key);
        if (!(value instanceof Long l)) {
            throw new AssertionError("service property " + key + " is " + value
                    + (value == null ? "" : " (" + value.getClass().getName() + ")") + ", expected a Long");
        }
        return l;
    }

    /** The installed bundle with this symbolic name; fails the test if there is none. */
    public static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName + " installed; bundles: " + bundleStates(context));
    }

    /** Every bundle with its state, for failure messages. */
    public static String bundleStates(BundleContext context) {
        StringBuilder s = new StringBuilder();
        for (Bundle b : context.getBundles()) {
            s.append("\n  ").append(b.getBundleId()).append(' ').append(b.getSymbolicName()).append(' ')
                    .append(b.getVersion()).append(' ').append(stateName(b.getState()));
        }
        return s.toString();
    }

    public static String stateName(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "state " + state;
        };
    }

    private static org.osgi.framework.Filter filter(BundleContext context, String filter) {
        try {
            return context.createFilter(filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
