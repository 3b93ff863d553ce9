package org.gatehouse.core.testing;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;

import org.junit.rules.ExternalResource;

/**
 * Fails a test when Netty reports a leaked buffer. Leaks are reported when a leaked buffer has been collected and
 * a later allocation is tracked, so after the test this collects garbage and allocates until the detector ran.
 */
public final class LeakDetection extends ExternalResource {

    private final List<String> leaks = new CopyOnWriteArrayList<>();

    @Override
    protected void before() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ByteBufUtil.setLeakListener((resourceType, records) -> leaks.add(resourceType + ": " + records));
    }

    @Override
    protected void after() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            for (int i = 0; i < 64; i++) {
                ByteBuf probe = PooledByteBufAllocator.DEFAULT.buffer(8);
                probe.release();
            }
        }
        ByteBufUtil.setLeakListener(null);
        assertEquals("leaked buffers", List.of(), leaks);
    }
}
