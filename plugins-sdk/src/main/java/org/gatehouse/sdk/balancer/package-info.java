/**
 * Load-balancing policies: how an upstream picks the target for a new WebSocket session.
 *
 * <p>A policy bundle registers a {@link org.gatehouse.sdk.balancer.LoadBalancingPolicy} service named with
 * {@link org.gatehouse.sdk.balancer.BalancerName}; an upstream's {@code algorithm} key selects it by that name.
 */
@Export
@Version("1.0.0")
package org.gatehouse.sdk.balancer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
