package io.daytona.controlplane.registry;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.Caller;
import io.daytona.controlplane.snapshot.ImageRuntime;
import io.daytona.controlplane.snapshot.PullCredentials;
import io.daytona.http.ServiceException;
import io.daytona.model.registry.CreateDockerRegistry;
import io.daytona.model.registry.RegistryType;
import io.daytona.model.registry.UpdateDockerRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Docker registries of organizations: their credentials, sealed at rest, are what runners log in
 * with to pull a snapshot's image from a registry of the same host.
 */
public final class RegistryService implements PullCredentials {
    /** A host, optional port and path, with or without an http(s) scheme; nothing a shell or URL could misread. */
    private static final Pattern URL = Pattern.compile("(?i)(https?://)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[A-Za-z0-9._/-]*)?");
    private static final int MAX_FIELD = 255;

    private final RegistryRepository repository;
    private final SecretCipher cipher;
    private final Clock clock;

    public RegistryService(RegistryRepository repository, SecretCipher cipher, Clock clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.cipher = requireNonNull(cipher, "cipher is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public RegistryRecord create(Caller caller, CreateDockerRegistry request) {
        if (request == null) {
            throw ServiceException.badRequest("send {\"name\": ..., \"url\": ..., \"username\": ..., \"password\": ...}");
        }
        Fields fields = check(request.name(), request.url(), request.username(), request.password(), request.project(), true);
        Instant now = clock.instant();
        RegistryRecord record = new RegistryRecord(UUID.randomUUID().toString(), caller.organizationId(), fields.name(), fields.url(),
                fields.username(), cipher.encrypt(fields.password()), fields.project(), RegistryType.ORGANIZATION, false, now, now);
        repository.insert(record);
        return record;
    }

    public List<RegistryRecord> list(Caller caller) {
        return repository.list(caller.organizationId());
    }

    public RegistryRecord get(Caller caller, String id) {
        return repository.find(caller.organizationId(), id)
                .orElseThrow(() -> ServiceException.notFound("Docker registry %s not found", id));
    }

    public RegistryRecord update(Caller caller, String id, UpdateDockerRegistry request) {
        RegistryRecord existing = get(caller, id);
        if (request == null) {
            throw ServiceException.badRequest("send {\"name\": ..., \"url\": ..., \"username\": ...} and optionally password and project");
        }
        Fields fields = check(request.name(), request.url(), request.username(), request.password(),
                request.project() == null ? existing.project() : request.project(), false);
        RegistryRecord updated = new RegistryRecord(existing.id(), existing.organizationId(), fields.name(), fields.url(),
                fields.username(), fields.password() == null ? existing.passwordEncrypted() : cipher.encrypt(fields.password()),
                fields.project(), existing.registryType(), existing.isDefault(), existing.createdAt(), clock.instant());
        repository.update(updated);
        return updated;
    }

    public void delete(Caller caller, String id) {
        if (!repository.delete(caller.organizationId(), id)) {
            throw ServiceException.notFound("Docker registry %s not found", id);
        }
    }

    /** Makes a registry the one tried for every organization's images whose host none of its own registries serves. */
    public RegistryRecord setDefault(String id) {
        repository.findAny(id).orElseThrow(() -> ServiceException.notFound("Docker registry %s not found", id));
        repository.setDefault(id, clock.instant());
        return repository.findAny(id).orElseThrow();
    }

    /** The organization's registry for the image's host, else the default registry if it serves that host. */
    @Override
    public Optional<ImageRuntime.RegistryCredentials> forImage(String organizationId, String image) {
        String host = RegistryHosts.ofImage(image);
        return repository.list(organizationId).stream().filter(r -> r.host().equals(host)).findFirst()
                .or(() -> repository.findDefault().filter(r -> r.host().equals(host)))
                .map(r -> new ImageRuntime.RegistryCredentials(host, r.username(), cipher.decrypt(r.passwordEncrypted())));
    }

    private record Fields(String name, String url, String username, String password, String project) {}

    private static Fields check(String name, String url, String username, String password, String project, boolean passwordRequired) {
        required("name", name);
        required("url", url);
        required("username", username);
        if (passwordRequired) {
            required("password", password);
        } else if (password != null && password.isEmpty()) {
            throw ServiceException.badRequest("password must not be empty; leave it out to keep the stored one");
        }
        if (!URL.matcher(url.strip()).matches()) {
            throw ServiceException.badRequest("url '%s' is not a registry address; use a host with an optional port and path, "
                    + "e.g. registry.example.com:5000 or https://ghcr.io", url);
        }
        if (project != null && project.length() > MAX_FIELD) {
            throw ServiceException.badRequest("project must be at most %d characters", MAX_FIELD);
        }
        return new Fields(name.strip(), url.strip(), username, password, project == null ? "" : project);
    }

    private static void required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ServiceException.badRequest("%s is required", field);
        }
        if (value.length() > MAX_FIELD) {
            throw ServiceException.badRequest("%s must be at most %d characters", field, MAX_FIELD);
        }
    }
}
