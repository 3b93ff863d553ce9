package org.gatehouse.balancer.consistenthash;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.gatehouse.sdk.balancer.SelectionContext;
import org.gatehouse.sdk.balancer.Upstream;

/**
 * What a handshake is hashed on, from the upstream's {@code hash_on} setting: {@code client_address} (the default
 * when absent), {@code header:<name>}, {@code cookie:<name>} or {@code query:<name>}. A request without the named
 * value, or with an empty one, is hashed on its client address.
 */
final class HashKey {

    static final String SETTING = "hash_on";

    private static final String CLIENT_ADDRESS = "client_address";

    private final Function<SelectionContext, Optional<String>> source;

    private HashKey(Function<SelectionContext, Optional<String>> source) {
        this.source = source;
    }

    /**
     * Reads the upstream's {@code hash_on} setting.
     *
     * @throws IllegalArgumentException when the setting is not one of the accepted forms
     */
    static HashKey of(Upstream upstream) {
        String hashOn = upstream.settings().get(SETTING);
        if (hashOn == null || hashOn.equals(CLIENT_ADDRESS)) {
            return new HashKey(context -> Optional.empty());
        }
        int colon = hashOn.indexOf(':');
        String name = colon < 0 ? "" : hashOn.substring(colon + 1);
        if (!name.isBlank()) {
            switch (hashOn.substring(0, colon)) {
                case "header":
                    return new HashKey(context -> context.header(name));
                case "cookie":
                    return new HashKey(context -> context.cookie(name));
                case "query":
                    return new HashKey(context -> context.queryParameter(name));
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("upstream \"" + upstream.name() + "\": " + SETTING + ": \"" + hashOn
                + "\" (expected: " + CLIENT_ADDRESS + ", header:<name>, cookie:<name> or query:<name>)");
    }

    /** The text to hash for this handshake. */
    String of(SelectionContext context) {
        return source.apply(context)
                .filter(value -> !value.isEmpty())
                .orElseGet(() -> Objects.requireNonNullElse(context.remoteAddress(), ""));
    }
}
