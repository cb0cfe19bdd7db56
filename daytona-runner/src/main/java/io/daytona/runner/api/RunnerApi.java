package io.daytona.runner.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.http.Endpoint;
import io.daytona.http.ErrorCode;
import io.daytona.http.Exchange;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import io.daytona.model.runner.ArchivedSandbox;
import io.daytona.model.runner.AttachSpec;
import io.daytona.runner.attach.AttachRequest;
import io.daytona.runner.attach.ExecAttachment;
import io.daytona.model.runner.ImagePull;
import io.daytona.model.runner.ImageRemoval;
import io.daytona.model.runner.NetworkPolicy;
import io.daytona.model.runner.OrphanRemoval;
import io.daytona.model.runner.RunnerImage;
import io.daytona.model.runner.RunnerSandboxInfo;
import io.daytona.model.runner.RunnerTokens;
import io.daytona.model.runner.SandboxClaim;
import io.daytona.model.runner.SandboxCommit;
import io.daytona.model.runner.SandboxResources;
import io.daytona.model.runner.SandboxSpec;
import io.daytona.runner.SandboxRunner;
import io.daytona.runner.SandboxRunnerException;
import io.daytona.runner.health.HostMetrics;
import io.daytona.runner.image.ImageBuilds;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;

/**
 * A runner's HTTP API (docs/runners.md): the control plane's calls, each an idempotent
 * {@code ensure} of the embedded runner, as JSON; the images of the runner's engine; the runner's
 * measurements; and, through {@link SandboxForwarder}, its sandboxes' toolbox and ports. Every
 * route but {@code GET /} takes the runner's token. A failure keeps the runner's message:
 * {@code 410 Gone} when the sandbox's files are lost, {@code 500} for anything worth retrying.
 */
public final class RunnerApi {
    private static final Pattern SANDBOX_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final SandboxRunner runner;
    private final ImageBuilds images;
    private final HostMetrics metrics;
    private final RunnerAuthorization authorization;
    private final Duration orphanGrace;
    private final Supplier<String> apiUrl;
    private final String version;
    private final ObjectMapper json;

    /**
     * @param orphanGrace how old a container of an unknown sandbox must be before it is removed
     * @param apiUrl the runner's own URL, as its measurements report it
     */
    public RunnerApi(SandboxRunner runner, ImageBuilds images, HostMetrics metrics, RunnerAuthorization authorization,
                     Duration orphanGrace, Supplier<String> apiUrl, String version, ObjectMapper json) {
        this.runner = requireNonNull(runner, "runner is null");
        this.images = requireNonNull(images, "images is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.authorization = requireNonNull(authorization, "authorization is null");
        this.orphanGrace = requireNonNull(orphanGrace, "orphanGrace is null");
        this.apiUrl = requireNonNull(apiUrl, "apiUrl is null");
        this.version = requireNonNull(version, "version is null");
        this.json = requireNonNull(json, "json is null");
    }

    /** The forwarding routes first (they stream), then the API's own. */
    public Handler handler() {
        Router router = new Router(json);
        router.get("/", ex -> ex.json(200, Map.of("status", "ok")));
        route(router, "GET", "/info", ex -> ex.json(200, metrics.measure(apiUrl.get(), version)));
        route(router, "GET", "/sandboxes", ex -> ex.json(200, runner.observe()));
        route(router, "POST", "/sandboxes", ex -> ex.json(200, ensure(() -> runner.ensureStarted(spec(ex, null)))));
        route(router, "POST", "/sandboxes/remove-orphans", ex -> {
            OrphanRemoval request = ex.body(OrphanRemoval.class);
            ex.json(200, runner.removeOrphans(runner.observe().keySet().stream()
                    .filter(id -> !request.sandboxIds().contains(id)).collect(java.util.stream.Collectors.toSet()), orphanGrace));
        });
        route(router, "GET", "/sandboxes/{id}", ex -> {
            String id = id(ex);
            ex.json(200, new RunnerSandboxInfo(id, runner.state(id), runner.exitDescription(id).orElse(null)));
        });
        route(router, "POST", "/sandboxes/{id}/stop", ex -> {
            runner.ensureStopped(id(ex), ex.query("force").map(Boolean::parseBoolean).orElse(false));
            ex.status(204);
        });
        route(router, "POST", "/sandboxes/{id}/destroy", ex -> {
            String id = id(ex);
            ensure(() -> {
                runner.ensureDestroyed(id);
                return null;
            });
            ex.status(204);
        });
        route(router, "POST", "/sandboxes/{id}/archive", ex -> {
            String id = id(ex);
            ex.json(200, new ArchivedSandbox(id, ensure(() -> runner.ensureArchived(id)).createdAt()));
        });
        route(router, "POST", "/sandboxes/{id}/pause", ex -> {
            String id = id(ex);
            ensure(() -> {
                runner.ensurePaused(id);
                return null;
            });
            ex.status(204);
        });
        route(router, "POST", "/sandboxes/{id}/fork", ex -> {
            String sourceId = id(ex);
            io.daytona.model.runner.SandboxFork fork = ex.body(io.daytona.model.runner.SandboxFork.class);
            if (!SANDBOX_ID.matcher(fork.spec().sandboxId()).matches() || fork.spec().sandboxId().equals(sourceId)) {
                throw ServiceException.badRequest("the fork needs an id of its own, not %s", fork.spec().sandboxId());
            }
            ensure(() -> {
                runner.ensureForked(sourceId, fork.sourcePaused(), fork.spec());
                return null;
            });
            ex.status(204);
        });
        route(router, "POST", "/sandboxes/{id}/backup", ex -> {
            String id = id(ex);
            boolean paused = ex.query("paused").map(Boolean::parseBoolean).orElse(false);
            ex.json(200, new ArchivedSandbox(id, ensure(() -> runner.ensureBackedUp(id, paused)).createdAt()));
        });
        route(router, "POST", "/sandboxes/{id}/restore", ex -> ex.json(200, ensure(() -> runner.ensureRestored(spec(ex, id(ex))))));
        route(router, "POST", "/sandboxes/{id}/claim", ex -> {
            String id = id(ex);
            SandboxClaim claim = ex.body(SandboxClaim.class);
            requireSameId(id, claim.spec());
            ensure(() -> {
                runner.claim(claim.spec(), claim.poolCpu(), claim.poolMemoryGiB());
                return null;
            });
            ex.status(204);
        });
        route(router, "POST", "/sandboxes/{id}/commit", ex -> {
            String id = id(ex);
            SandboxCommit commit = ex.body(SandboxCommit.class);
            if (commit.image() == null || commit.image().isBlank()) {
                throw ServiceException.badRequest("send {\"image\": \"name:tag\"}");
            }
            ensure(() -> {
                runner.commit(id, commit.image());
                return null;
            });
            ex.status(204);
        });
        route(router, "POST", "/sandboxes/{id}/resize", ex -> {
            String id = id(ex);
            SandboxResources resources = ex.body(SandboxResources.class);
            if (resources.cpu() < 1 || resources.memoryGiB() < 1) {
                throw ServiceException.badRequest("send {\"cpu\": 2, \"memoryGiB\": 4}: both at least 1");
            }
            ensure(() -> {
                runner.ensureResources(id, resources.cpu(), resources.memoryGiB());
                return null;
            });
            ex.status(204);
        });
        route(router, "POST", "/sandboxes/{id}/network-settings", ex -> {
            String id = id(ex);
            NetworkPolicy policy = ex.body(NetworkPolicy.class);
            ensure(() -> {
                runner.applyNetwork(id, policy);
                return null;
            });
            ex.status(204);
        });
        route(router, "GET", "/sandboxes/{id}/exec", ex -> {
            String id = id(ex);
            AttachSpec spec = ex.query("spec").map(text -> {
                try {
                    return json.readValue(text, AttachSpec.class);
                } catch (java.io.IOException e) {
                    throw ServiceException.badRequest("spec must be an AttachSpec as JSON: %s", e.getMessage());
                }
            }).orElseThrow(() -> ServiceException.badRequest("the query parameter spec is required: the process to run, as JSON"));
            if (spec.command().isEmpty()) {
                throw ServiceException.badRequest("spec.command is empty");
            }
            if (!ex.isWebSocketUpgrade()) {
                throw ServiceException.badRequest("this route is a WebSocket (Upgrade: websocket)");
            }
            ExecAttachment attachment;
            try {
                attachment = runner.attach(id, new AttachRequest(spec.command(), spec.tty(), spec.env(), spec.columns(), spec.rows()));
            } catch (java.io.IOException e) {
                throw ServiceException.conflict("%s", e.getMessage());
            }
            upgradeOrClose(ex, attachment, () -> new ExecSocket(attachment, json));
        });
        route(router, "GET", "/sandboxes/{id}/connect", ex -> {
            String id = id(ex);
            String host = ex.query("host").filter(h -> !h.isBlank()).orElse("localhost");
            int port = ex.query("port").map(p -> {
                try {
                    return Integer.parseInt(p);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }).filter(p -> p >= 1 && p <= 65535).orElseThrow(() -> ServiceException.badRequest("port must be from 1 to 65535"));
            if (!ex.isWebSocketUpgrade()) {
                throw ServiceException.badRequest("this route is a WebSocket (Upgrade: websocket)");
            }
            java.net.Socket socket;
            try {
                socket = runner.connect(id, host, port);
            } catch (java.io.IOException e) {
                throw new ServiceException(ErrorCode.BAD_GATEWAY, "Cannot connect to %s:%d in sandbox %s: %s".formatted(host, port, id,
                        e.getMessage()));
            }
            upgradeOrClose(ex, socket, () -> new TcpSocket(socket));
        });
        route(router, "GET", "/snapshots/exists", ex -> ex.json(200, Map.of("exists", runner.hasImage(image(ex)))));
        route(router, "GET", "/snapshots/inspect", ex -> {
            String image = image(ex);
            var details = images.inspect(image).orElseThrow(() -> ServiceException.notFound("Image %s is not on this runner", image));
            ex.json(200, new RunnerImage(image, details.sizeBytes(), details.command()));
        });
        route(router, "POST", "/snapshots/pull", ex -> {
            ImagePull pull = ex.body(ImagePull.class);
            if (pull.image() == null || pull.image().isBlank()) {
                throw ServiceException.badRequest("send {\"image\": \"name:tag\"}");
            }
            Optional<ImageBuilds.RegistryLogin> login = pull.registryAddress() == null ? Optional.empty()
                    : Optional.of(new ImageBuilds.RegistryLogin(pull.registryAddress(), pull.username(), pull.password()));
            // The pull's progress streams as lines of text; a last line says how it ended.
            ex.setStatus(200);
            ex.setHeader("Content-Type", "text/plain; charset=utf-8");
            OutputStream out = ex.outputStream();
            try {
                images.pull(pull.image(), login, line -> write(out, line));
                write(out, "DONE");
            } catch (Exception e) {
                write(out, "ERROR: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
            out.close();
        });
        route(router, "POST", "/snapshots/remove", ex -> {
            ImageRemoval removal = ex.body(ImageRemoval.class);
            if (removal.image() == null || removal.image().isBlank()) {
                throw ServiceException.badRequest("send {\"image\": \"name:tag\"}");
            }
            images.remove(removal.image());
            ex.status(204);
        });
        return new Handler.Sequence(new SandboxForwarder(authorization, runner::daemonUri, json), router);
    }

    /** Upgrades to the WebSocket {@code endpoint} makes; {@code resource} is closed if the upgrade fails. */
    private static void upgradeOrClose(Exchange ex, AutoCloseable resource, Supplier<Object> endpoint) throws Exception {
        try {
            ex.upgrade((request, response, callback) -> endpoint.get());
        } catch (RuntimeException e) {
            resource.close();
            throw e;
        }
    }

    private static void write(OutputStream out, String line) {
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void route(Router router, String method, String template, Endpoint endpoint) {
        router.route(method, template, ex -> {
            if (!authorization.allows(ex.header("Authorization"), ex.header(RunnerTokens.AUTHORIZATION_HEADER))) {
                throw ServiceException.unauthorized("Send this runner's token: Authorization: Bearer <token>");
            }
            endpoint.handle(ex);
        });
    }

    /** A runner call whose failure keeps its message: 410 when the sandbox's files are lost, else 500. */
    @FunctionalInterface
    private interface Call<T> {
        T run() throws SandboxRunnerException;
    }

    private static <T> T ensure(Call<T> call) {
        try {
            return call.run();
        } catch (SandboxRunnerException e) {
            throw new ServiceException(e.recoverable() ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.GONE, e.getMessage(), e);
        }
    }

    private static String id(Exchange ex) {
        String id = ex.pathParam("id");
        if (!SANDBOX_ID.matcher(id).matches()) {
            throw ServiceException.badRequest("not a sandbox id: %s", id);
        }
        return id;
    }

    private static String image(Exchange ex) {
        return ex.query("image").filter(i -> !i.isBlank())
                .orElseThrow(() -> ServiceException.badRequest("the query parameter image is required, e.g. ?image=name:tag"));
    }

    /** The spec of the body; its sandbox id must be {@code pathId} when the path names one. */
    private static SandboxSpec spec(Exchange ex, String pathId) {
        SandboxSpec spec = ex.body(SandboxSpec.class);
        if (!SANDBOX_ID.matcher(spec.sandboxId()).matches()) {
            throw ServiceException.badRequest("not a sandbox id: %s", spec.sandboxId());
        }
        if (pathId != null) {
            requireSameId(pathId, spec);
        }
        return spec;
    }

    private static void requireSameId(String pathId, SandboxSpec spec) {
        if (!pathId.equals(spec.sandboxId())) {
            throw ServiceException.badRequest("the body is for sandbox %s, the path names %s", spec.sandboxId(), pathId);
        }
    }
}
