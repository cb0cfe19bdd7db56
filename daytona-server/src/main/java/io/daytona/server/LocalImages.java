package io.daytona.server;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.snapshot.ImageRuntime;
import io.daytona.runner.image.ImageBuilds;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The snapshots' view of the runner's images, in the same process. */
final class LocalImages implements ImageRuntime {
    private final ImageBuilds images;

    LocalImages(ImageBuilds images) {
        this.images = requireNonNull(images, "images is null");
    }

    @Override
    public Optional<ImageInfo> inspect(String image) {
        return images.inspect(image).map(details -> new ImageInfo(details.sizeBytes(), details.command()));
    }

    @Override
    public void pull(String image, Optional<RegistryCredentials> credentials, Consumer<String> log) throws Exception {
        images.pull(image, credentials.map(c -> new ImageBuilds.RegistryLogin(c.registryAddress(), c.username(), c.password())), log);
    }

    @Override
    public void build(String dockerfile, List<Path> contexts, String tag, Consumer<String> log) throws Exception {
        images.build(dockerfile, contexts, tag, log);
    }

    @Override
    public void remove(String image) {
        images.remove(image);
    }
}
