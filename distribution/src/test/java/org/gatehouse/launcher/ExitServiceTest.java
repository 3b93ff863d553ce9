package org.gatehouse.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

public class ExitServiceTest {

    @Test
    public void statusIsZeroUntilACodeIsRecorded() {
        assertEquals(ExitCodes.OK, new ExitStatus().code());
    }

    @Test
    public void theFirstRecordedCodeWins() {
        ExitStatus status = new ExitStatus();

        assertEquals(78, status.record(78));
        assertEquals(78, status.record(0));
        assertEquals(78, status.code());
    }

    @Test
    public void acceptRecordsTheCodeAndStopsTheFrameworkOnAnotherThread() throws InterruptedException {
        ExitStatus status = new ExitStatus();
        AtomicReference<Thread> stopper = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        ExitService service = new ExitService(status, () -> {
            stopper.set(Thread.currentThread());
            stopped.countDown();
        });

        service.accept(78);

        assertTrue("the framework was not stopped", stopped.await(5, TimeUnit.SECONDS));
        assertEquals(78, status.code());
        assertNotSame(Thread.currentThread(), stopper.get());
        assertEquals("gatehouse-exit", stopper.get().getName());
    }
}
