package io.daytona.cli.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole configuration file: the profiles and which one is active.
 *
 * @param activeProfile the ID of the active profile, or null
 * @param profiles every profile
 */
public record CliConfig(@JsonProperty("activeProfile") String activeProfile, List<Profile> profiles) {
    public CliConfig {
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
    }

    /** {@return a configuration with no profile} */
    public static CliConfig empty() {
        return new CliConfig(null, List.of());
    }

    /** {@return the active profile, if any} */
    public Optional<Profile> active() {
        return profiles.stream().filter(profile -> profile.id().equals(activeProfile)).findFirst();
    }

    /** {@return the profile for this API URL, if any} */
    public Optional<Profile> forUrl(String apiUrl) {
        return profiles.stream().filter(profile -> profile.api().url().equals(apiUrl)).findFirst();
    }

    /** {@return a copy where {@code profile} replaces the one with its ID (or is added) and is active} */
    public CliConfig withActive(Profile profile) {
        List<Profile> all = new ArrayList<>(profiles.stream().filter(p -> !p.id().equals(profile.id())).toList());
        all.add(profile);
        return new CliConfig(profile.id(), all);
    }

    /** {@return a copy without the profile of this ID; another one becomes active if it was} */
    public CliConfig without(String profileId) {
        List<Profile> rest = profiles.stream().filter(p -> !p.id().equals(profileId)).toList();
        String active = profileId.equals(activeProfile) ? (rest.isEmpty() ? null : rest.getLast().id()) : activeProfile;
        return new CliConfig(active, rest);
    }
}
