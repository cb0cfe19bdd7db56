package io.daytona.sdk;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link Daytona} client reaches and authenticates to the API. Immutable and thread-safe.
 *
 * <p>Authenticate with an API key, or with a JWT plus the organization it acts for. When both an API
 * key and a JWT are set, the API key wins.
 *
 * <pre>{@code
 * DaytonaConfig config = DaytonaConfig.builder()
 *         .apiKey("dtn_...")
 *         .apiUrl("http://localhost:3000/api")
 *         .build();
 * }</pre>
 */
public final class DaytonaConfig {
    /** The API URL used when none is configured. */
    public static final String DEFAULT_API_URL = "https://app.daytona.io/api";

    /** The environment variable holding the API key. */
    public static final String ENV_API_KEY = "DAYTONA_API_KEY";
    /** The environment variable holding the API URL. */
    public static final String ENV_API_URL = "DAYTONA_API_URL";
    /** The legacy environment variable for the API URL, read when {@value #ENV_API_URL} is unset. */
    public static final String ENV_SERVER_URL = "DAYTONA_SERVER_URL";
    /** The environment variable holding the default target (region). */
    public static final String ENV_TARGET = "DAYTONA_TARGET";
    /** The environment variable holding a JWT, used when no API key is set. */
    public static final String ENV_JWT_TOKEN = "DAYTONA_JWT_TOKEN";
    /** The environment variable holding the organization ID, required with a JWT. */
    public static final String ENV_ORGANIZATION_ID = "DAYTONA_ORGANIZATION_ID";

    private final String apiKey;
    private final String jwtToken;
    private final String organizationId;
    private final String apiUrl;
    private final String target;

    private DaytonaConfig(Builder builder) {
        this.apiKey = blankToNull(builder.apiKey);
        this.jwtToken = blankToNull(builder.jwtToken);
        this.organizationId = blankToNull(builder.organizationId);
        this.target = blankToNull(builder.target);
        this.apiUrl = normalizeApiUrl(builder.apiUrl);
        if (apiKey == null && jwtToken == null) {
            throw new DaytonaException("No credentials: set the " + ENV_API_KEY + " environment variable (or "
                    + ENV_JWT_TOKEN + " with " + ENV_ORGANIZATION_ID + "), or call DaytonaConfig.builder().apiKey(...)"
                    + " (or .jwtToken(...).organizationId(...))");
        }
        if (apiKey == null && organizationId == null) {
            throw new DaytonaException("A JWT needs the organization it acts for: set the " + ENV_ORGANIZATION_ID
                    + " environment variable, or call DaytonaConfig.builder().organizationId(...)");
        }
    }

    /**
     * Starts an empty builder; the API URL defaults to {@value #DEFAULT_API_URL}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the configuration from the process environment and, beneath it, a {@code .env} file in
     * the working directory: {@value #ENV_API_KEY}, {@value #ENV_API_URL} (default
     * {@value #DEFAULT_API_URL}), {@value #ENV_TARGET}, {@value #ENV_JWT_TOKEN} and
     * {@value #ENV_ORGANIZATION_ID}. A variable set in the environment wins over the same one in
     * {@code .env}; values set in code win over both (see {@link #builderFromEnvironment()}).
     *
     * @return the configuration
     * @throws DaytonaException if neither an API key nor a JWT with an organization ID is set, or
     *     if {@code .env} cannot be read
     */
    public static DaytonaConfig fromEnvironment() {
        return builderFromEnvironment().build();
    }

    /**
     * Reads the configuration from {@code environment}, a map of environment variables, as
     * {@link #fromEnvironment()} reads the process environment, without any {@code .env} file.
     * Blank values count as unset.
     *
     * @param environment environment variables by name
     * @return the configuration
     * @throws DaytonaException if neither an API key nor a JWT with an organization ID is set
     */
    public static DaytonaConfig fromEnvironment(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment is null");
        return builderFrom(environment).build();
    }

    /**
     * Reads {@code environment} over the variables of {@code dotEnvFile} (ignored if missing), as
     * {@link #fromEnvironment()} reads the process environment over {@code ./.env}.
     *
     * @param environment environment variables by name
     * @param dotEnvFile the {@code .env} file; ignored if missing
     * @return the configuration
     * @throws DaytonaException if no credentials are set, or if the file exists but cannot be read
     */
    public static DaytonaConfig fromEnvironment(Map<String, String> environment, Path dotEnvFile) {
        return builderFromEnvironment(environment, dotEnvFile).build();
    }

    /**
     * Starts a builder filled from the process environment over {@code ./.env}, so that values set
     * on it in code take precedence: code, then environment variables, then {@code .env}, then the
     * defaults, as the Daytona documentation orders them.
     *
     * @return a builder holding what the environment sets
     */
    public static Builder builderFromEnvironment() {
        return builderFromEnvironment(System.getenv(), Path.of(".env"));
    }

    private static Builder builderFromEnvironment(Map<String, String> environment, Path dotEnvFile) {
        Objects.requireNonNull(environment, "environment is null");
        Objects.requireNonNull(dotEnvFile, "dotEnvFile is null");
        Map<String, String> merged = new HashMap<>(readDotEnv(dotEnvFile));
        environment.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                merged.put(name, value);
            }
        });
        return builderFrom(merged);
    }

    private static Map<String, String> readDotEnv(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            Path directory = file.toAbsolutePath().getParent();
            Dotenv dotenv = Dotenv.configure().directory(directory.toString()).filename(file.getFileName().toString()).load();
            Map<String, String> values = new HashMap<>();
            dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE).forEach(entry -> values.put(entry.getKey(), entry.getValue()));
            return values;
        } catch (DotenvException e) {
            throw new DaytonaException("Failed to read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Builder builderFrom(Map<String, String> environment) {
        String apiUrl = blankToNull(environment.get(ENV_API_URL));
        if (apiUrl == null) {
            apiUrl = blankToNull(environment.get(ENV_SERVER_URL));
        }
        return builder()
                .apiKey(environment.get(ENV_API_KEY))
                .jwtToken(environment.get(ENV_JWT_TOKEN))
                .organizationId(environment.get(ENV_ORGANIZATION_ID))
                .apiUrl(apiUrl)
                .target(environment.get(ENV_TARGET));
    }

    /** {@return a builder holding this configuration, to derive a changed copy} */
    public Builder toBuilder() {
        return builder()
                .apiKey(apiKey)
                .jwtToken(jwtToken)
                .organizationId(organizationId)
                .apiUrl(apiUrl)
                .target(target);
    }

    /** {@return the API key, or null when authenticating with a JWT} */
    public String apiKey() {
        return apiKey;
    }

    /** {@return the JWT, or null if none is set} */
    public String jwtToken() {
        return jwtToken;
    }

    /** {@return the organization ID, or null if none is set} */
    public String organizationId() {
        return organizationId;
    }

    /** {@return the API URL without a trailing slash, e.g. {@code https://app.daytona.io/api}} */
    public String apiUrl() {
        return apiUrl;
    }

    /** {@return the default target (region) for new sandboxes, or null to let the server choose} */
    public String target() {
        return target;
    }

    /** {@return true if requests authenticate with the JWT (and send the organization ID) rather than an API key} */
    public boolean usesJwt() {
        return apiKey == null;
    }

    /** Describes the configuration with the secrets masked. */
    @Override
    public String toString() {
        return "DaytonaConfig[apiUrl=" + apiUrl
                + ", target=" + target
                + ", apiKey=" + (apiKey == null ? "null" : "***")
                + ", jwtToken=" + (jwtToken == null ? "null" : "***")
                + ", organizationId=" + organizationId + "]";
    }

    private static String normalizeApiUrl(String value) {
        String url = blankToNull(value);
        if (url == null) {
            return DEFAULT_API_URL;
        }
        url = url.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new DaytonaException("Invalid API URL '" + value + "': " + e.getMessage()
                    + "; set " + ENV_API_URL + " or call apiUrl(...) with e.g. " + DEFAULT_API_URL, e);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw new DaytonaException("Invalid API URL '" + value + "': it must be an absolute http(s) URL;"
                    + " set " + ENV_API_URL + " or call apiUrl(...) with e.g. " + DEFAULT_API_URL);
        }
        return url;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A mutable builder of {@link DaytonaConfig}; not thread-safe. Null or blank values mean unset. */
    public static final class Builder {
        private String apiKey;
        private String jwtToken;
        private String organizationId;
        private String apiUrl;
        private String target;

        private Builder() {}

        /**
         * Sets the API key, sent as {@code Authorization: Bearer <apiKey>}.
         *
         * @param apiKey the API key
         * @return this builder
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /**
         * Sets a JWT, used instead of an API key; requires {@link #organizationId(String)}.
         *
         * @param jwtToken the JWT
         * @return this builder
         */
        public Builder jwtToken(String jwtToken) {
            this.jwtToken = jwtToken;
            return this;
        }

        /**
         * Sets the organization a JWT acts for, sent as {@code X-Daytona-Organization-ID}.
         *
         * @param organizationId the organization ID
         * @return this builder
         */
        public Builder organizationId(String organizationId) {
            this.organizationId = organizationId;
            return this;
        }

        /**
         * Sets the API URL, e.g. {@code http://localhost:3000/api}; default {@value DaytonaConfig#DEFAULT_API_URL}.
         *
         * @param apiUrl the API URL
         * @return this builder
         */
        public Builder apiUrl(String apiUrl) {
            this.apiUrl = apiUrl;
            return this;
        }

        /**
         * Sets the default target (region) of sandboxes created without one.
         *
         * @param target the target (region)
         * @return this builder
         */
        public Builder target(String target) {
            this.target = target;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         * @throws DaytonaException if no API key and no JWT is set, if a JWT comes without an
         *     organization ID, or if the API URL is not an absolute http(s) URL
         */
        public DaytonaConfig build() {
            return new DaytonaConfig(this);
        }
    }
}
