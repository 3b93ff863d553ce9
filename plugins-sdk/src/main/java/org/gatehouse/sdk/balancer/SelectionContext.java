package org.gatehouse.sdk.balancer;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** What a selector may know about the handshake it picks a target for. Implemented by the gateway. */
@ProviderType
public interface SelectionContext {

    /** The client's IP address, as text. */
    String remoteAddress();

    /** The request path, without the query string. */
    String path();

    /** The first value of a request header, matched case-insensitively. */
    Optional<String> header(String name);

    /** The value of a cookie sent with the request. */
    Optional<String> cookie(String name);

    /** The first value of a query parameter, decoded. */
    Optional<String> queryParameter(String name);
}
