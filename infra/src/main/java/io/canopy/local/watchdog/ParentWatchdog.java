package io.canopy.local.watchdog;

import java.io.IOException;
import java.io.InputStream;

/**
 * Java agent loaded into every function process: the runtime keeps the child's stdin open and never writes to it,
 * so end-of-file on stdin means the runtime is gone (even after {@code kill -9}). The function process then halts
 * instead of living on as an orphan holding ports and memory. The runtime interface client alone does not
 * guarantee that: a failing {@code /next} ends its loop, but non-daemon threads of the handler keep the JVM up.
 *
 * <p>Kept to one class in its own small jar so it adds next to nothing to the measured init duration.
 */
public final class ParentWatchdog {

    private ParentWatchdog() {
    }

    public static void premain(String args) {
        Thread watchdog = new Thread(ParentWatchdog::awaitParentExit, "canopy-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void awaitParentExit() {
        InputStream in = System.in;
        byte[] discard = new byte[256];
        try {
            while (in.read(discard) >= 0) {
                // The runtime never writes; anything read is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end-of-file: the runtime is gone.
        }
        Runtime.getRuntime().halt(137);
    }
}
