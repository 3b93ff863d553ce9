/**
 * Handshake plugins: code that sees a client's WebSocket upgrade request before the upstream is dialed, to
 * authenticate or authorize it.
 *
 * <p>Version 0.x: this package is a sketch and may change incompatibly until 1.0.
 */
@Export
@Version("0.1.0")
package org.gatehouse.sdk.handshake;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
