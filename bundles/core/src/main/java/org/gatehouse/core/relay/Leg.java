package org.gatehouse.core.relay;

/** One side of a proxied session. */
public enum Leg {
    CLIENT, UPSTREAM;

    public Leg other() {
        return this == CLIENT ? UPSTREAM : CLIENT;
    }
}
