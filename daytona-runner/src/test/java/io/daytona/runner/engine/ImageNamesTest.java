package io.daytona.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageNamesTest {
    @Test
    void prefixesNamesWithoutARegistryWithLocalhost() {
        assertThat(ImageNames.local("daytona/sandbox:0.1.0")).isEqualTo("localhost/daytona/sandbox:0.1.0");
        assertThat(ImageNames.local("python:3.12")).isEqualTo("localhost/python:3.12");
    }

    @Test
    void keepsNamesThatAlreadyNameARegistry() {
        assertThat(ImageNames.local("localhost/daytona/sandbox:0.1.0")).isEqualTo("localhost/daytona/sandbox:0.1.0");
        assertThat(ImageNames.local("registry.example.com/team/app:1")).isEqualTo("registry.example.com/team/app:1");
        assertThat(ImageNames.local("127.0.0.1:5000/app:1")).isEqualTo("127.0.0.1:5000/app:1");
    }
}
