package io.daytona.controlplane.runner;

import java.util.Arrays;
import java.util.Locale;

/** A runner's state as the API shows it. */
public enum RunnerState {
    /** Registered, not reported yet. */
    INITIALIZING,
    /** Reporting; sandboxes may be placed on it when it is schedulable and has room. */
    READY,
    /** Taken out of service by an administrator. */
    DISABLED,
    DECOMMISSIONED,
    /** Stopped reporting: its sandboxes are in error until it reports again. */
    UNRESPONSIVE;

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunnerState fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireValue().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown runner state " + value));
    }
}
