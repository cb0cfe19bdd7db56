package io.daytona.controlplane.runner;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.sandbox.SandboxRuntime;
import io.daytona.controlplane.snapshot.ImageRuntime;
import io.daytona.http.ServiceException;
import io.daytona.model.runner.ImagePull;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots' images when the control plane has no runner of its own: an image is there when a
 * runner process has it, a pull runs on every ready runner (so that any of them can take the
 * snapshot's sandboxes), and a removal too. Builds need the embedded runner: a runner process
 * cannot be handed build contexts yet.
 */
public final class FleetImages implements ImageRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(FleetImages.class);

    private final Supplier<Optional<RunnerFleet>> fleet;

    /** @param fleet the fleet, once the control plane has made it (snapshots are set up before it) */
    public FleetImages(Supplier<Optional<RunnerFleet>> fleet) {
        this.fleet = requireNonNull(fleet, "fleet is null");
    }

    private List<RunnerClient> runners() {
        List<RunnerClient> clients = new ArrayList<>();
        fleet.get().ifPresent(f -> {
            for (SandboxRuntime runtime : f.reachable().values()) {
                if (runtime instanceof RunnerClient client) {
                    clients.add(client);
                }
            }
        });
        return clients;
    }

    @Override
    public Optional<ImageInfo> inspect(String image) {
        for (RunnerClient runner : runners()) {
            try {
                Optional<ImageInfo> found = runner.inspectImage(image).map(i -> new ImageInfo(i.sizeBytes(), i.command()));
                if (found.isPresent()) {
                    return found;
                }
            } catch (Exception e) {
                LOG.debug("runner {} could not inspect {}: {}", runner.runnerId(), image, e.toString());
            }
        }
        return Optional.empty();
    }

    @Override
    public void pull(String image, Optional<RegistryCredentials> credentials, Consumer<String> log) throws Exception {
        List<RunnerClient> runners = runners();
        if (runners.isEmpty()) {
            throw new IllegalStateException("no runner is ready to pull " + image + " on; start one (daytona runner)");
        }
        ImagePull pull = new ImagePull(image, credentials.map(RegistryCredentials::registryAddress).orElse(null),
                credentials.map(RegistryCredentials::username).orElse(null), credentials.map(RegistryCredentials::password).orElse(null));
        for (RunnerClient runner : runners) {
            log.accept("Pulling on runner " + runner.runnerId());
            runner.pullImage(pull, log);
        }
    }

    @Override
    public void build(String dockerfile, List<Path> contexts, String tag, Consumer<String> log) {
        throw ServiceException.badRequest("building images needs the server's embedded runner (this server runs with "
                + "--no-embedded-runner); build the image elsewhere and create the snapshot from its name");
    }

    @Override
    public void remove(String image) {
        for (RunnerClient runner : runners()) {
            try {
                runner.removeImage(image);
            } catch (Exception e) {
                LOG.info("runner {} kept image {}: {}", runner.runnerId(), image, e.getMessage());
            }
        }
    }
}
