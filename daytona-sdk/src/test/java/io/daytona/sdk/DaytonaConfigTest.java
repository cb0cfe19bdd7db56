package io.daytona.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DaytonaConfigTest {
    @Test
    void readsApiKeyUrlAndTargetFromEnvironment() {
        DaytonaConfig config = DaytonaConfig.fromEnvironment(Map.of(
                "DAYTONA_API_KEY", "dtn_key",
                "DAYTONA_API_URL", "http://localhost:3000/api/",
                "DAYTONA_TARGET", "eu"));

        assertThat(config.apiKey()).isEqualTo("dtn_key");
        assertThat(config.apiUrl()).isEqualTo("http://localhost:3000/api");
        assertThat(config.target()).isEqualTo("eu");
        assertThat(config.usesJwt()).isFalse();
    }

    @Test
    void defaultsApiUrlAndLeavesTargetUnset() {
        DaytonaConfig config = DaytonaConfig.fromEnvironment(Map.of("DAYTONA_API_KEY", "dtn_key"));

        assertThat(config.apiUrl()).isEqualTo("https://app.daytona.io/api");
        assertThat(config.target()).isNull();
    }

    @Test
    void readsLegacyServerUrlWhenApiUrlIsUnset() {
        DaytonaConfig config = DaytonaConfig.fromEnvironment(Map.of(
                "DAYTONA_API_KEY", "dtn_key", "DAYTONA_SERVER_URL", "http://legacy:3000/api"));

        assertThat(config.apiUrl()).isEqualTo("http://legacy:3000/api");
    }

    @Test
    void readsJwtAndOrganizationFromEnvironment() {
        DaytonaConfig config = DaytonaConfig.fromEnvironment(Map.of(
                "DAYTONA_JWT_TOKEN", "eyJ.jwt", "DAYTONA_ORGANIZATION_ID", "org-7"));

        assertThat(config.usesJwt()).isTrue();
        assertThat(config.jwtToken()).isEqualTo("eyJ.jwt");
        assertThat(config.organizationId()).isEqualTo("org-7");
        assertThat(config.apiKey()).isNull();
    }

    @Test
    void apiKeyWinsOverJwt() {
        DaytonaConfig config = DaytonaConfig.fromEnvironment(Map.of(
                "DAYTONA_API_KEY", "dtn_key", "DAYTONA_JWT_TOKEN", "eyJ.jwt"));

        assertThat(config.usesJwt()).isFalse();
    }

    @Test
    void missingCredentialsNameTheVariableAndTheBuilderMethod() {
        assertThatThrownBy(() -> DaytonaConfig.fromEnvironment(Map.of("DAYTONA_API_URL", "http://x/api")))
                .isInstanceOf(DaytonaException.class)
                .hasMessageContaining("DAYTONA_API_KEY")
                .hasMessageContaining("apiKey(...)");
    }

    @Test
    void blankApiKeyCountsAsMissing() {
        assertThatThrownBy(() -> DaytonaConfig.fromEnvironment(Map.of("DAYTONA_API_KEY", "  ")))
                .isInstanceOf(DaytonaException.class)
                .hasMessageContaining("DAYTONA_API_KEY");
    }

    @Test
    void jwtWithoutOrganizationNamesTheVariable() {
        assertThatThrownBy(() -> DaytonaConfig.builder().jwtToken("eyJ.jwt").build())
                .isInstanceOf(DaytonaException.class)
                .hasMessageContaining("DAYTONA_ORGANIZATION_ID")
                .hasMessageContaining("organizationId(...)");
    }

    @Test
    void rejectsApiUrlThatIsNotHttp() {
        assertThatThrownBy(() -> DaytonaConfig.builder().apiKey("k").apiUrl("localhost:3000").build())
                .isInstanceOf(DaytonaException.class)
                .hasMessageContaining("localhost:3000")
                .hasMessageContaining("DAYTONA_API_URL");
    }

    @Test
    void toStringMasksSecrets() {
        DaytonaConfig config = DaytonaConfig.builder().apiKey("dtn_secret").build();

        assertThat(config.toString()).doesNotContain("dtn_secret").contains("apiKey=***");
    }

    @Test
    void toBuilderCopiesEveryField() {
        DaytonaConfig config = DaytonaConfig.builder()
                .jwtToken("eyJ.jwt").organizationId("org-7").apiUrl("http://h/api").target("eu").build();

        DaytonaConfig copy = config.toBuilder().build();

        assertThat(copy.toString()).isEqualTo(config.toString());
        assertThat(copy.jwtToken()).isEqualTo("eyJ.jwt");
    }

    @Test
    void readsDotEnvBeneathTheEnvironmentAndCodeAboveBoth(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory) throws Exception {
        java.nio.file.Path dotEnv = directory.resolve(".env");
        java.nio.file.Files.writeString(dotEnv, """
                # comments and quotes as in any .env file
                DAYTONA_API_KEY=dtn_from_file
                DAYTONA_API_URL="http://file:3000/api"
                DAYTONA_TARGET=eu
                """);

        DaytonaConfig fileOnly = DaytonaConfig.fromEnvironment(Map.of(), dotEnv);
        assertThat(fileOnly.apiKey()).isEqualTo("dtn_from_file");
        assertThat(fileOnly.apiUrl()).isEqualTo("http://file:3000/api");
        assertThat(fileOnly.target()).isEqualTo("eu");

        DaytonaConfig environmentWins = DaytonaConfig.fromEnvironment(Map.of("DAYTONA_API_KEY", "dtn_from_env", "DAYTONA_TARGET", " "), dotEnv);
        assertThat(environmentWins.apiKey()).isEqualTo("dtn_from_env");
        assertThat(environmentWins.target()).isEqualTo("eu");
    }

    @Test
    void aMissingDotEnvIsNoError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory) {
        DaytonaConfig config = DaytonaConfig.fromEnvironment(Map.of("DAYTONA_API_KEY", "dtn_key"), directory.resolve(".env"));
        assertThat(config.apiUrl()).isEqualTo("https://app.daytona.io/api");
    }
}
