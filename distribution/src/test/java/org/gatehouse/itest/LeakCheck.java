package org.gatehouse.itest;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.MultipleFailureException;
import org.junit.runners.model.Statement;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.internal.logging.InternalLoggerFactory;

/**
 * Fails a test when Netty reports a leaked buffer, its own or the gateway's: both use the same netty-buffer classes
 * (inside the framework, the probe imports them from the distribution's bundle).
 *
 * <p>Before the test it checks that detection is paranoid (every buffer tracked) and can report at all (Netty
 * reports only when its logger has ERROR enabled), then installs a leak listener. After the test it forces a
 * garbage collection, waits (bounded) until the collector has processed weak references, and allocates a few
 * buffers: a tracked allocation is what makes the detector drain its queue and report. Use it as the outermost
 * rule, so it runs after {@code @After} has closed the clients and servers.
 */
public final class LeakCheck implements TestRule {

    private static final int ROUNDS = 3;
    private static final long GC_WAIT_MILLIS = 2_000;

    @Override
    public Statement apply(Statement base, Description description) {
        return new Statement() {
            @Override
            public void evaluate() throws Throwable {
                List<String> leaks = new CopyOnWriteArrayList<>();
                checkDetectorIsArmed();
                ByteBufUtil.setLeakListener((resourceType, records) -> leaks.add(resourceType + records));
                List<Throwable> errors = new ArrayList<>();
                try {
                    base.evaluate();
                } catch (Throwable t) {
                    errors.add(t);
                } finally {
                    try {
                        collect();
                    } finally {
                        ByteBufUtil.setLeakListener(null);
                    }
                }
                if (!leaks.isEmpty()) {
                    errors.add(new AssertionError(leaks.size() + " Netty buffer leak(s) reported during or after "
                            + description.getDisplayName() + ":\n" + String.join("\n\n", leaks)));
                }
                MultipleFailureException.assertEmpty(errors);
            }
        };
    }

    private static void checkDetectorIsArmed() {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            throw new AssertionError("leak detection is " + ResourceLeakDetector.getLevel()
                    + "; run with -Dio.netty.leakDetection.level=paranoid");
        }
        if (!InternalLoggerFactory.getInstance(ResourceLeakDetector.class).isErrorEnabled()) {
            throw new AssertionError("Netty's ResourceLeakDetector logger has ERROR disabled, so leaks would go"
                    + " unreported; enable it in the logging configuration");
        }
    }

    /** Makes unreachable, unreleased buffers show up as reports now rather than in some later test. */
    private static void collect() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            ReferenceQueue<Object> queue = new ReferenceQueue<>();
            WeakReference<Object> canary = new WeakReference<>(new Object(), queue);
            System.gc();
            queue.remove(GC_WAIT_MILLIS);
            canary.clear();
            allocateTracked(ByteBufAllocator.DEFAULT);
            allocateTracked(PooledByteBufAllocator.DEFAULT);
            allocateTracked(UnpooledByteBufAllocator.DEFAULT);
        }
    }

    private static void allocateTracked(ByteBufAllocator allocator) {
        ByteBuf direct = allocator.directBuffer(16);
        direct.release();
        ByteBuf heap = allocator.heapBuffer(16);
        heap.release();
    }
}
