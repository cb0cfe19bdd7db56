package io.daytona.model.config;

import static java.util.Objects.requireNonNull;

/** A message dashboards show to every user. */
public record Announcement(String text, String learnMoreUrl) {
    public Announcement {
        requireNonNull(text, "text is null");
    }
}
