package io.daytona.model.runner;

/**
 * Runner API {@code POST /snapshots/pull}: an image to pull, logged in to its registry when
 * {@code registryAddress} is given.
 */
public record ImagePull(String image, String registryAddress, String username, String password) {
    @Override
    public String toString() {
        return "ImagePull[" + image + (registryAddress == null ? "" : " as " + username + "@" + registryAddress) + "]";
    }
}
