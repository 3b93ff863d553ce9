package org.gatehouse.health.probes;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which configured probe headers the JDK client can send. The JDK refuses some (Host, Connection,
 * Content-Length, Expect, Upgrade, and malformed names or values): such a header is skipped, and a WARNING says so
 * once per header name for the component's lifetime.
 */
final class HeaderFilter {

    private final Logger logger;
    private final String probeType;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    HeaderFilter(Logger logger, String probeType) {
        this.logger = logger;
        this.probeType = probeType;
    }

    /** Whether the JDK client accepts the header; if not, it is reported (once) as skipped. */
    boolean accepts(String name, String value) {
        try {
            HttpRequest.newBuilder().header(name, value);
            return true;
        } catch (IllegalArgumentException e) {
            skip(name, e.getMessage());
            return false;
        }
    }

    /** Reports a header that will not be sent, once per name. */
    void skip(String name, String why) {
        if (reported.add(name.toLowerCase(Locale.ROOT))) {
            logger.log(Level.WARNING, "{0} health probe: header \"{1}\" is not sent ({2})", probeType, name, why);
        }
    }
}
