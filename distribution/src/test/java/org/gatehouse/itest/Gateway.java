package org.gatehouse.itest;

import static org.junit.Assert.fail;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * {@code gatehouse.listener=client}, {@code gatehouse.config.generation} and {@code gatehouse.config.rejections}.
 */
public final class Gateway {

    public static final String LISTENER_FILTER =
            "(&(objectClass=java.net.SocketAddress)(gatehouse.listener=client))";
    public static final String GENERATION = "gatehouse.config.generation";
    public static final String REJECTIONS = "gatehouse.config.rejections";

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
        return awaitProperty(GENERATION, v -> v > than, timeout);
    }

    /** Waits, at most {@code timeout}, until {@code gatehouse.config.rejections} exceeds {@code than}. */
    public long awaitRejectionsAbove(long than, Duration timeout) {
        return awaitProperty(REJECTIONS, v -> v > than, timeout);
    }

    /** Waits for a service property change announced by {@code ServiceRegistration.setProperties}. */
    private long awaitProperty(String key, Predicate<Long> wanted, Duration timeout) {
        CompletableFuture<Long> reached = new CompletableFuture<>();
        ServiceListener watcher = event -> {
            if (event.getType() == ServiceEvent.MODIFIED && event.getServiceReference().equals(listener)) {
                long value = longProperty(listener, key);
                if (wanted.test(value)) {
                    reached.complete(value);
                }
            }
        };
        try {
            context.addServiceListener(watcher, LISTENER_FILTER);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        try {
            long now = longProperty(listener, key);
            if (wanted.test(now)) {
                return now;
            }
            return reached.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(key + " still " + longProperty(listener, key) + " after " + timeout
                    + " (generation " + generation() + ", rejections " + rejections() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e.getCause());
        } finally {
            context.removeServiceListener(watcher);
        }
    }

    private static long longProperty(ServiceReference<?> reference, String key) {
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
