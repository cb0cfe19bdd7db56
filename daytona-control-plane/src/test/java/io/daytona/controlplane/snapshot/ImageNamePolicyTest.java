package io.daytona.controlplane.snapshot;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.http.ServiceException;
import org.junit.jupiter.api.Test;

class ImageNamePolicyTest {
    @Test
    void acceptsTagsAndDigests() {
        for (String name : new String[] {"localhost/daytona/sandbox:0.1.0", "python:3.12-slim", "registry:5000/team/app:v1",
                "alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}) {
            assertThatCode(() -> ImageNamePolicy.check(name)).as(name).doesNotThrowAnyException();
        }
    }

    @Test
    void refusesMissingTagsLatestAndJunk() {
        assertThatThrownBy(() -> ImageNamePolicy.check("ubuntu")).isInstanceOf(ServiceException.class).hasMessageContaining("tag or a digest");
        assertThatThrownBy(() -> ImageNamePolicy.check("registry:5000/app")).hasMessageContaining("tag or a digest");
        assertThatThrownBy(() -> ImageNamePolicy.check("ubuntu:latest")).hasMessageContaining("\":latest\" are not allowed");
        assertThatThrownBy(() -> ImageNamePolicy.check("bad name:1")).hasMessageContaining("not a valid image reference");
        assertThatThrownBy(() -> ImageNamePolicy.check(" ")).hasMessageContaining("imageName or buildInfo is required");
    }
}
