package io.daytona.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.cli.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {
    @TempDir
    Path home;

    @Test
    void theFileIsWhereTheUpstreamCliKeepsIt() {
        assertThat(ConfigStore.location(Map.of(), home, "Linux")).isEqualTo(home.resolve(".config/daytona/config.json"));
        assertThat(ConfigStore.location(Map.of("XDG_CONFIG_HOME", "/x"), home, "Linux")).isEqualTo(Path.of("/x/daytona/config.json"));
        assertThat(ConfigStore.location(Map.of("DAYTONA_CONFIG_DIR", "/d", "XDG_CONFIG_HOME", "/x"), home, "Linux"))
                .isEqualTo(Path.of("/d/config.json"));
        assertThat(ConfigStore.location(Map.of(), home, "Mac OS X"))
                .isEqualTo(home.resolve("Library/Application Support/daytona/config.json"));
    }

    @Test
    void keysAreWrittenOwnerOnlyAndReadBack() throws Exception {
        ConfigStore store = new ConfigStore(ConfigStore.location(Map.of(), home, "Linux"));
        Profile profile = new Profile("p1", "localhost:3000", new Profile.Api("http://localhost:3000/api", "dtn_login", "org-a"), null, Map.of())
                .withOrganizationKey("org-b", new Profile.OrganizationKey("cli-b", "dtn_b"))
                .withActiveOrganization("org-b");
        store.save(CliConfig.empty().withActive(profile));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file().getParent()))).isEqualTo("rwx------");
        CliConfig loaded = store.load();
        assertThat(loaded.active()).contains(profile);
        assertThat(loaded.active().orElseThrow().activeKey()).isEqualTo("dtn_b");
        assertThat(loaded.active().orElseThrow().withActiveOrganization(null).activeKey()).isEqualTo("dtn_login");
        assertThat(Files.list(store.file().getParent())).containsExactly(store.file());
    }

    @Test
    void anUpstreamConfigFileIsRead() throws Exception {
        Path file = home.resolve("config.json");
        Files.writeString(file, """
                {"activeProfile":"abc","profiles":[{"id":"abc","name":"Daytona","api":{"url":"https://app.daytona.io/api",
                "key":"dtn_k","token":null},"activeOrganizationId":"org-1"}]}""");
        Profile profile = new ConfigStore(file).load().active().orElseThrow();
        assertThat(profile.api().key()).isEqualTo("dtn_k");
        assertThat(profile.activeOrganizationId()).isEqualTo("org-1");
        assertThat(profile.activeKey()).as("no key made for it: the login key").isEqualTo("dtn_k");
    }

    @Test
    void aBrokenFileSaysWhatToDo() throws Exception {
        Path file = home.resolve("config.json");
        Files.writeString(file, "{not json");
        assertThatThrownBy(() -> new ConfigStore(file).load()).isInstanceOf(CliException.class)
                .hasMessageContaining("fix or delete it and run `daytona login`");
    }

    @Test
    void removingTheActiveProfileActivatesAnother() {
        Profile a = new Profile("a", "a", new Profile.Api("http://a/api", "k", null), null, Map.of());
        Profile b = new Profile("b", "b", new Profile.Api("http://b/api", "k", null), null, Map.of());
        CliConfig config = CliConfig.empty().withActive(a).withActive(b);
        assertThat(config.active()).contains(b);
        assertThat(config.without("b").active()).contains(a);
        assertThat(config.without("b").without("a").active()).isEmpty();
    }
}
