package io.daytona.controlplane.sandbox;

import io.daytona.http.ServiceException;
import io.daytona.model.sandbox.CreateSandbox;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a create request before anything is stored; every message names the field and the fix. */
final class CreateSandboxValidator {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private CreateSandboxValidator() {}

    static void validate(CreateSandbox request, SandboxDefaults defaults) {
        name(request.name());
        if (request.user() != null && !USER.matcher(request.user()).matches()) {
            throw ServiceException.badRequest("user '%s' is not a valid Linux user name", request.user());
        }
        if (request.buildInfo() != null && (request.buildInfo().dockerfileContent() == null || request.buildInfo().dockerfileContent().isBlank())) {
            throw ServiceException.badRequest("buildInfo.dockerfileContent is required: the Dockerfile to build the sandbox's image from");
        }
        resource("cpu", request.cpu(), defaults.maxCpu(), "cores");
        resource("memory", request.memory(), defaults.maxMemory(), "GiB");
        resource("disk", request.disk(), defaults.maxDisk(), "GiB");
        if (request.gpu() != null && request.gpu() != 0) {
            throw ServiceException.badRequest("gpu must be 0: this server has no GPU runners");
        }
        NetworkAllowList.parse(request.networkAllowList());
        env(request.env());
        labels(request.labels());
        interval("autoStopInterval", request.autoStopInterval(), 0);
        interval("autoArchiveInterval", request.autoArchiveInterval(), 0);
        interval("autoDeleteInterval", request.autoDeleteInterval(), -1);
    }

    private static void resource(String field, Integer value, int max, String unit) {
        if (value == null) {
            return;
        }
        if (value < 1) {
            throw ServiceException.badRequest("%s must be at least 1, got %d", field, value);
        }
        if (value > max) {
            throw ServiceException.badRequest("%s must be at most %d %s per sandbox, got %d", field, max, unit, value);
        }
    }

    private static void env(Map<String, String> env) {
        if (env == null) {
            return;
        }
        env.forEach((name, value) -> {
            if (!ENV_NAME.matcher(name).matches()) {
                throw ServiceException.badRequest(
                        "env variable name '%s' is invalid: use letters, digits and '_', not starting with a digit", name);
            }
            if (value == null) {
                throw ServiceException.badRequest("env variable '%s' has a null value; send a string", name);
            }
        });
    }

    /** A sandbox's name (null: named after its id), as create and fork check it. */
    static void name(String name) {
        if (name != null && !NAME.matcher(name).matches()) {
            throw ServiceException.badRequest(
                    "name '%s' is invalid: use 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit", name);
        }
    }

    static void labels(Map<String, String> labels) {
        if (labels == null) {
            return;
        }
        labels.forEach((key, value) -> {
            if (key.isBlank() || key.length() > 255) {
                throw ServiceException.badRequest("label keys must be 1-255 characters, got '%s'", key);
            }
            if (value == null) {
                throw ServiceException.badRequest("label '%s' has a null value; send a string", key);
            }
        });
    }

    private static void interval(String field, Integer value, int min) {
        if (value != null && value < min) {
            throw ServiceException.badRequest("%s must be at least %d minutes, got %d", field, min, value);
        }
    }
}
