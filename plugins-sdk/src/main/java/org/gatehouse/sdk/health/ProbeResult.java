package org.gatehouse.sdk.health;

import java.util.Objects;

/**
 * The outcome of one probe of a target.
 *
 * @param healthy whether the target answered as a healthy one should
 * @param detail what was seen, for logs: a status, an error
 */
public record ProbeResult(boolean healthy, String detail) {

    public ProbeResult {
        Objects.requireNonNull(detail, "detail");
    }

    public static ProbeResult healthy(String detail) {
        return new ProbeResult(true, detail);
    }

    public static ProbeResult unhealthy(String detail) {
        return new ProbeResult(false, detail);
    }
}
