package org.gatehouse.launcher;

import java.util.logging.LogManager;

/**
 * A LogManager that ignores the reset the JDK's own shutdown hook performs. That hook runs at the same time as the
 * launcher's, which is still stopping the framework: without this, whatever the core logs while it closes sessions
 * would be lost. The launcher's hook ends the process itself once the framework has stopped. (Tomcat's
 * ClassLoaderLogManager does the same.)
 */
public final class LauncherLogManager extends LogManager {

    @Override
    public void reset() {
        if (Thread.currentThread().getClass().getName().startsWith(LogManager.class.getName() + "$")) {
            return;
        }
        super.reset();
    }
}
