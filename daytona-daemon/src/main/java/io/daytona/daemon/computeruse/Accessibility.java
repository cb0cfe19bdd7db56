package io.daytona.daemon.computeruse;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import io.daytona.model.toolbox.computeruse.AccessibilityInvokeRequest;
import io.daytona.model.toolbox.computeruse.AccessibilityNodeRequest;
import io.daytona.model.toolbox.computeruse.AccessibilityNodesResponse;
import io.daytona.model.toolbox.computeruse.AccessibilitySetValueRequest;
import io.daytona.model.toolbox.computeruse.AccessibilityTreeResponse;
import io.daytona.model.toolbox.computeruse.FindAccessibilityNodesRequest;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The accessibility (AT-SPI) tree of the desktop's applications, through the
 * {@code accessibility.py} {@link PythonHelper}: the tree, a search, and focus, invoke and value
 * on one widget. Applications publish their widgets on the accessibility bus, which the session
 * bus starts on demand; GTK applications (Xfce's, or any started after {@code start}) do.
 */
final class Accessibility implements AutoCloseable {
    private static final int MAX_LIMIT = 1000;

    private final Desktop desktop;
    private final ObjectMapper mapper;
    private PythonHelper worker;

    Accessibility(Desktop desktop, ObjectMapper mapper) {
        this.desktop = requireNonNull(desktop, "desktop is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    AccessibilityTreeResponse tree(Optional<String> scope, Optional<Integer> pid, Optional<Integer> maxDepth)
            throws IOException, InterruptedException {
        Map<String, Object> request = scoped("tree", scope.orElse("focused"), pid.orElse(null));
        request.put("maxDepth", maxDepth.orElse(-1));
        return mapper.treeToValue(ask(request), AccessibilityTreeResponse.class);
    }

    AccessibilityNodesResponse find(FindAccessibilityNodesRequest find) throws IOException, InterruptedException {
        requireNonNull(find, "find is null");
        int limit = find.limit() == null ? 100 : find.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "limit must be from 1 to " + MAX_LIMIT + ", not " + limit);
        }
        Map<String, Object> request = scoped("find", find.scope() == null ? "focused" : find.scope(), find.pid());
        request.put("role", find.role());
        request.put("name", find.name());
        request.put("nameMatch", find.nameMatch());
        request.put("states", find.states());
        request.put("limit", limit);
        return mapper.treeToValue(ask(request), AccessibilityNodesResponse.class);
    }

    void focus(AccessibilityNodeRequest request) throws IOException, InterruptedException {
        ask(onNode("focus", request.id()));
    }

    void invoke(AccessibilityInvokeRequest request) throws IOException, InterruptedException {
        Map<String, Object> call = onNode("invoke", request.id());
        call.put("action", request.action());
        ask(call);
    }

    void setValue(AccessibilitySetValueRequest request) throws IOException, InterruptedException {
        Map<String, Object> call = onNode("value", request.id());
        call.put("value", request.value());
        ask(call);
    }

    private Map<String, Object> scoped(String op, String scope, Integer pid) {
        Map<String, Object> request = new HashMap<>();
        request.put("op", op);
        request.put("scope", scope);
        request.put("pid", pid);
        if (scope.equals("focused")) {
            request.put("focusedPid", focusedPid().orElse(null));
        }
        return request;
    }

    private static Map<String, Object> onNode(String op, String id) {
        if (id == null || id.isBlank()) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "id is required: a node id from the tree or a find");
        }
        Map<String, Object> request = new HashMap<>();
        request.put("op", op);
        request.put("id", id);
        return request;
    }

    /** The process of the window with the input focus, as its window manager hint says. */
    private Optional<Integer> focusedPid() {
        X11Tools.Result result = X11Tools.run(desktop.config(), List.of("xdotool", "getactivewindow", "getwindowpid"));
        try {
            return result.exitCode() == 0 ? Optional.of(Integer.parseInt(result.stdout().strip())) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private JsonNode ask(Map<String, Object> request) throws IOException, InterruptedException {
        desktop.requireDisplay();
        JsonNode answer = worker().request(request);
        if (answer.has("result")) {
            return answer.get("result");
        }
        if (answer.has("badRequest")) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, answer.get("badRequest").asText());
        }
        if (answer.has("notFound")) {
            throw new ServiceException(ErrorCode.NOT_FOUND, answer.get("notFound").asText());
        }
        if (answer.has("unavailable")) {
            throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, answer.get("unavailable").asText());
        }
        throw new ServiceException(ErrorCode.INTERNAL_SERVER_ERROR, "the accessibility call failed: " + answer.path("error").asText());
    }

    private synchronized PythonHelper worker() throws IOException {
        if (worker == null || !worker.isAlive()) {
            worker = PythonHelper.start("accessibility", desktop.config(), mapper);
        }
        return worker;
    }

    @Override
    public synchronized void close() {
        if (worker != null) {
            worker.close();
            worker = null;
        }
    }
}
