package io.daytona.controlplane.snapshot;

import io.daytona.http.ServiceException;
import java.util.regex.Pattern;

/** What an image name given for a snapshot must look like: a tag or a digest, never {@code latest}. */
final class ImageNamePolicy {
    private static final Pattern REFERENCE = Pattern.compile("[a-z0-9][a-z0-9._:/@+-]*", Pattern.CASE_INSENSITIVE);

    private ImageNamePolicy() {}

    static void check(String imageName) {
        if (imageName == null || imageName.isBlank()) {
            throw ServiceException.badRequest("imageName or buildInfo is required: name an image with a tag, e.g. localhost/my-image:1.0");
        }
        if (!REFERENCE.matcher(imageName).matches() || imageName.length() > 512) {
            throw ServiceException.badRequest("imageName '%s' is not a valid image reference such as registry/name:tag", imageName);
        }
        if (imageName.contains("@")) {
            return;
        }
        String lastComponent = imageName.substring(imageName.lastIndexOf('/') + 1);
        int colon = lastComponent.indexOf(':');
        if (colon < 0 || colon == lastComponent.length() - 1) {
            throw ServiceException.badRequest("imageName '%s' needs a tag or a digest, e.g. %s:1.0", imageName, imageName.replaceAll(":$", ""));
        }
        if (lastComponent.substring(colon + 1).equals("latest")) {
            throw ServiceException.badRequest("Snapshots with tag \":latest\" are not allowed; use a fixed tag or a digest instead of %s", imageName);
        }
    }
}
