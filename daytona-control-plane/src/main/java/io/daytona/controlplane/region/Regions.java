package io.daytona.controlplane.region;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.ApiKeys;
import io.daytona.controlplane.auth.Caller;
import io.daytona.http.ServiceException;
import io.daytona.model.region.CreateRegion;
import io.daytona.model.region.CreateRegionResponse;
import io.daytona.model.region.UpdateRegion;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Regions: the server's shared default region, made at start, and the custom regions
 * organizations create for their own runners. An organization sees and uses the shared regions
 * and its own; another organization's custom region does not exist for it.
 */
public final class Regions {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private final RegionRepository repository;
    private final String defaultRegion;
    private final Clock clock;

    /** Makes the shared region {@code defaultRegion} if needed, its proxy at {@code proxyUrl}. */
    public Regions(RegionRepository repository, String defaultRegion, String proxyUrl, Clock clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.defaultRegion = requireNonNull(defaultRegion, "defaultRegion is null");
        this.clock = requireNonNull(clock, "clock is null");
        repository.ensureShared(defaultRegion, proxyUrl, clock.instant());
    }

    /** The server's default region: where sandboxes go when neither they nor their organization name one. */
    public String defaultRegion() {
        return defaultRegion;
    }

    public List<RegionRecord> visible(Caller caller) {
        return repository.visibleTo(caller.organizationId());
    }

    public List<RegionRecord> shared() {
        return repository.shared();
    }

    /** A region the organization may use, by id; 404 otherwise (another organization's region does not exist for it). */
    public RegionRecord get(String organizationId, String id) {
        return repository.find(id).filter(r -> r.visibleTo(organizationId))
                .orElseThrow(() -> ServiceException.notFound("Region %s not found; GET /api/regions lists the regions you can use", id));
    }

    /** Any region, by id, for system administrators and the runners' registry. */
    public Optional<RegionRecord> find(String id) {
        return repository.find(id);
    }

    /**
     * The region a sandbox of the organization goes to: {@code target} (a region id or name the
     * organization may use) or, when blank, {@code organizationDefault} if still there, else the
     * server's default region. 400 when the target is not a region the organization may use.
     */
    public String resolve(String organizationId, String target, String organizationDefault) {
        if (target == null || target.isBlank()) {
            if (organizationDefault != null && repository.find(organizationDefault).filter(r -> r.visibleTo(organizationId)).isPresent()) {
                return organizationDefault;
            }
            return defaultRegion;
        }
        List<RegionRecord> usable = repository.visibleTo(organizationId);
        return usable.stream().filter(r -> r.id().equals(target)).findFirst()
                .or(() -> usable.stream().filter(r -> r.name().equals(target)).findFirst())
                .map(RegionRecord::id)
                .orElseThrow(() -> ServiceException.badRequest("Region %s not found; use one of %s (GET /api/regions)", target,
                        usable.stream().map(RegionRecord::name).toList()));
    }

    /** Fails with 400 unless the organization may use region {@code id}. */
    public void requireUsable(String organizationId, String id) {
        if (repository.find(id).filter(r -> r.visibleTo(organizationId)).isEmpty()) {
            throw ServiceException.badRequest("Region %s not found; use one of %s (GET /api/regions)", id,
                    repository.visibleTo(organizationId).stream().map(RegionRecord::id).toList());
        }
    }

    /** Creates a custom region of the caller's organization; its proxy and SSH gateway keys are shown once. */
    public CreateRegionResponse create(Caller caller, CreateRegion request) {
        if (request == null || request.name() == null || !NAME.matcher(request.name()).matches()) {
            throw ServiceException.badRequest("name is required: 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or "
                    + "digit, e.g. {\"name\": \"eu-west\"}");
        }
        String proxyUrl = url("proxyUrl", request.proxyUrl());
        String sshGatewayUrl = address("sshGatewayUrl", request.sshGatewayUrl());
        String snapshotManagerUrl = url("snapshotManagerUrl", request.snapshotManagerUrl());
        if (repository.nameTaken(caller.organizationId(), request.name())) {
            throw ServiceException.conflict("Region %s already exists; choose another name", request.name());
        }
        Instant now = clock.instant();
        String proxyKey = proxyUrl == null ? null : ApiKeys.generate();
        String sshKey = sshGatewayUrl == null ? null : ApiKeys.generate();
        RegionRecord region = new RegionRecord(UUID.randomUUID().toString(), request.name(), caller.organizationId(), RegionRecord.CUSTOM,
                proxyUrl, sshGatewayUrl, snapshotManagerUrl, now, now);
        repository.insert(region, proxyKey == null ? null : ApiKeys.hash(proxyKey), sshKey == null ? null : ApiKeys.hash(sshKey));
        return new CreateRegionResponse(region.id(), proxyKey, sshKey, null, null);
    }

    /** Changes the URLs of one of the caller's custom regions. */
    public RegionRecord update(Caller caller, String id, UpdateRegion request) {
        RegionRecord region = owned(caller, id);
        if (request == null) {
            throw ServiceException.badRequest("send the URLs to change, e.g. {\"proxyUrl\": \"https://proxy.example.com\"}");
        }
        repository.updateUrls(id,
                request.proxyUrl() == null ? region.proxyUrl() : url("proxyUrl", request.proxyUrl()),
                request.sshGatewayUrl() == null ? region.sshGatewayUrl() : address("sshGatewayUrl", request.sshGatewayUrl()),
                request.snapshotManagerUrl() == null ? region.snapshotManagerUrl() : url("snapshotManagerUrl", request.snapshotManagerUrl()),
                clock.instant());
        return repository.find(id).orElseThrow();
    }

    /** Deletes one of the caller's custom regions, once no runner and no sandbox is left in it. */
    public void delete(Caller caller, String id) {
        owned(caller, id);
        RegionRepository.Usage usage = repository.usage(id);
        if (usage.runners() > 0) {
            throw ServiceException.conflict("Region %s still has %d runner(s); delete them first (DELETE /api/runners/{id})", id, usage.runners());
        }
        if (usage.sandboxes() > 0) {
            throw ServiceException.conflict("Region %s still has %d sandbox(es); delete them first", id, usage.sandboxes());
        }
        repository.delete(id, defaultRegion, clock.instant());
    }

    /** A new key for the region's proxy ({@code proxy}) or SSH gateway, shown once; the old one stops working. */
    public String regenerateKey(Caller caller, String id, boolean proxy) {
        RegionRecord region = owned(caller, id);
        if ((proxy ? region.proxyUrl() : region.sshGatewayUrl()) == null) {
            throw ServiceException.badRequest("Region %s has no %s; set it first with PATCH /api/regions/%s", id,
                    proxy ? "proxyUrl" : "sshGatewayUrl", id);
        }
        String key = ApiKeys.generate();
        repository.setKeyHash(id, proxy, ApiKeys.hash(key), clock.instant());
        return key;
    }

    private RegionRecord owned(Caller caller, String id) {
        RegionRecord region = get(caller.organizationId(), id);
        if (region.shared()) {
            throw ServiceException.forbidden("Region %s is shared: it is the server's, set by its options, and cannot be changed here", id);
        }
        return region;
    }

    private static String url(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(value.strip());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri.toString();
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ServiceException.badRequest("%s must be an http(s) URL, e.g. https://proxy.example.com, got %s", field, value);
    }

    private static String address(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.strip().matches("[A-Za-z0-9.\\-\\[\\]:]+(:[0-9]{1,5})?")) {
            throw ServiceException.badRequest("%s must be host:port, e.g. ssh.example.com:2222, got %s", field, value);
        }
        return value.strip();
    }
}
