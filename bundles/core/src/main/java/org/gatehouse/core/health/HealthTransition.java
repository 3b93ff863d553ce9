package org.gatehouse.core.health;

import org.gatehouse.core.balancer.TargetId;

/**
 * A target that turned unhealthy or healthy again.
 *
 * @param target the target
 * @param healthy its new state
 * @param reason what caused it, for the log
 */
public record HealthTransition(TargetId target, boolean healthy, String reason) {
}
