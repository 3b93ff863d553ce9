package org.gatehouse.launcher;

/** Placeholder until the launcher lands. */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        throw new UnsupportedOperationException("not yet");
    }
}
