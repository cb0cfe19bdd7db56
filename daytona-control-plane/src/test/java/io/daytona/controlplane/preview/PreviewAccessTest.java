package io.daytona.controlplane.preview;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.controlplane.auth.ApiKeys;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PreviewAccessTest {
    @Test
    void tellsSignedTokensFromSandboxIdsByShape() {
        assertThat(PreviewAccess.isSignedToken(ApiKeys.randomToken(SignedPreviews.TOKEN_LENGTH))).isTrue();
        assertThat(PreviewAccess.isSignedToken(UUID.randomUUID().toString())).isFalse();
        assertThat(PreviewAccess.isSignedToken(ApiKeys.randomToken(SignedPreviews.TOKEN_LENGTH + 1))).isFalse();
        assertThat(PreviewAccess.isSignedToken("ABCDEFGHIJKLMNOPQRST")).as("host labels arrive lowercased").isFalse();
    }
}
