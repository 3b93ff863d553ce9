/**
 * Message plugins: code that sees every WebSocket message of a route, from the client ({@code pre_request}) or from
 * the upstream ({@code post_response}), and decides what happens to it.
 *
 * <p>Version 0.x: this package is a sketch and may change incompatibly until 1.0.
 */
@Export
@Version("0.1.0")
package org.gatehouse.sdk.message;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
