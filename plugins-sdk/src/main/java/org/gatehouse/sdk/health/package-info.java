/**
 * Health-check providers: code that probes upstream targets and reports whether they can take new sessions.
 *
 * <p>Version 0.x: this package is a sketch and may change incompatibly until 1.0.
 */
@Export
@Version("0.1.0")
package org.gatehouse.sdk.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
