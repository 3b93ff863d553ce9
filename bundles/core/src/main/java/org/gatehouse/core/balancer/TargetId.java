package org.gatehouse.core.balancer;

/**
 * One target of one upstream: the key under which the gateway counts its live sessions, tracks its health and
 * finds its sessions, across config reloads.
 *
 * @param upstream the upstream's name
 * @param address the target's {@code host:port}
 */
public record TargetId(String upstream, String address) {

    /** {@code <upstream>/<host:port>}, as logged and as listed in {@code gatehouse.targets.unhealthy}. */
    @Override
    public String toString() {
        return upstream + '/' + address;
    }
}
