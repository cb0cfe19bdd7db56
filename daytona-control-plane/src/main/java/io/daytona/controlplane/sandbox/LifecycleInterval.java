package io.daytona.controlplane.sandbox;

/** The three lifecycle intervals of a sandbox, in minutes, and the columns that store them. */
enum LifecycleInterval {
    AUTO_STOP("autoStopInterval", "auto_stop_interval"),
    AUTO_ARCHIVE("autoArchiveInterval", "auto_archive_interval"),
    AUTO_DELETE("autoDeleteInterval", "auto_delete_interval");

    private final String wireName;
    private final String column;

    LifecycleInterval(String wireName, String column) {
        this.wireName = wireName;
        this.column = column;
    }

    /** The field's name in the API, for messages. */
    String wireName() {
        return wireName;
    }

    String column() {
        return column;
    }
}
