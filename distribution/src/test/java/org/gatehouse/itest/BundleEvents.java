package org.gatehouse.itest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * Records the life-cycle events of the bundles with one symbolic name, with the {@link System#nanoTime()} at which
 * each happened: the listener is synchronous, so it runs in the thread that changes the bundle, as it happens.
 * Close it after use.
 */
public final class BundleEvents implements SynchronousBundleListener, AutoCloseable {

    /**
     * One event.
     *
     * @param type a {@link BundleEvent} type
     * @param bundleId the bundle's id
     * @param nanoTime when it happened
     */
    public record Event(int type, long bundleId, long nanoTime) {

        @Override
        public String toString() {
            return typeName(type) + "(bundle " + bundleId + ")";
        }
    }

    private final BundleContext context;
    private final String symbolicName;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    private BundleEvents(BundleContext context, String symbolicName) {
        this.context = context;
        this.symbolicName = symbolicName;
    }

    /** Starts recording the events of bundles named {@code symbolicName}. */
    public static BundleEvents watch(BundleContext context, String symbolicName) {
        BundleEvents watch = new BundleEvents(context, symbolicName);
        context.addBundleListener(watch);
        return watch;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (symbolicName.equals(event.getBundle().getSymbolicName())) {
            events.add(new Event(event.getType(), event.getBundle().getBundleId(), System.nanoTime()));
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** The events so far, in order. */
    public List<Event> events() {
        return List.copyOf(events);
    }

    /** When the last event so far happened, or {@code Long.MIN_VALUE} if none did. */
    public long lastEventNanoTime() {
        return events.isEmpty() ? Long.MIN_VALUE : events.get(events.size() - 1).nanoTime();
    }

    /** Waits, at most {@code timeout}, for an event (one recorded before counts) that satisfies {@code wanted}. */
    public Event await(String what, Predicate<Event> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (Event event : events) {
                    if (wanted.test(event)) {
                        return event;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + what + " event of " + symbolicName + " within " + timeout
                            + "; its events: " + events + "; bundles:" + Gateway.bundleStates(context));
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** Waits for an event of this type. */
    public Event await(int type, Duration timeout) {
        return await(typeName(type), e -> e.type() == type, timeout);
    }

    /**
     * Waits, at most {@code timeout}, until a bundle named {@code symbolicName} is installed and ACTIVE, and returns
     * it: for bundles that FileInstall installs some time after the framework started.
     */
    public static Bundle awaitActive(BundleContext context, String symbolicName, Duration timeout) {
        try (BundleEvents watch = watch(context, symbolicName)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                // Counted before looking, so an event in between ends the wait below at once.
                int seen = watch.events.size();
                for (Bundle bundle : context.getBundles()) {
                    if (symbolicName.equals(bundle.getSymbolicName()) && bundle.getState() == Bundle.ACTIVE) {
                        return bundle;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no ACTIVE bundle " + symbolicName + " within " + timeout
                            + "; bundles:" + Gateway.bundleStates(context));
                }
                watch.awaitMoreThan(seen, Duration.ofNanos(left));
            }
        }
    }

    private void awaitMoreThan(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (events.size() <= count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    @Override
    public void close() {
        context.removeBundleListener(this);
    }

    public static String typeName(int type) {
        return switch (type) {
            case BundleEvent.INSTALLED -> "INSTALLED";
            case BundleEvent.RESOLVED -> "RESOLVED";
            case BundleEvent.LAZY_ACTIVATION -> "LAZY_ACTIVATION";
            case BundleEvent.STARTING -> "STARTING";
            case BundleEvent.STARTED -> "STARTED";
            case BundleEvent.STOPPING -> "STOPPING";
            case BundleEvent.STOPPED -> "STOPPED";
            case BundleEvent.UPDATED -> "UPDATED";
            case BundleEvent.UNRESOLVED -> "UNRESOLVED";
            case BundleEvent.UNINSTALLED -> "UNINSTALLED";
            default -> "event " + type;
        };
    }
}
