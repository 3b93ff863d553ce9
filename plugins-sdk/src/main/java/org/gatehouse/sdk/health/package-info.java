/**
 * Health-check providers: code that probes upstream targets and reports whether they can take new sessions.
 *
 * <p>A provider bundle registers a {@link org.gatehouse.sdk.health.HealthProbe} service named with
 * {@link org.gatehouse.sdk.health.ProbeType}; an upstream's {@code health_checks.type} selects it by that name. The
 * gateway schedules the probes and counts their results; a probe only answers whether one target is healthy now.
 */
@Export
@Version("1.0.0")
package org.gatehouse.sdk.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
