/**
 * A test kit for plugin, policy and probe authors: values of the types the gateway implements, so that a bundle's
 * logic can be unit tested without a framework or a network.
 *
 * <p>Version 0.x: this package grows with the message-plugin SDK and may change incompatibly until 1.0.
 */
@Export
@Version("0.1.0")
package org.gatehouse.sdk.testing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
