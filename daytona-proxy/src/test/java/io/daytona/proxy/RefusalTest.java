package io.daytona.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.http.ErrorCode;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.junit.jupiter.api.Test;

class RefusalTest {
    @Test
    void passesOnWhatTheDaemonAnsweredAndBlamesItselfOnlyForTheRest() {
        URI uri = URI.create("ws://daemon/x");
        assertThat(SandboxProxy.refusal(new ExecutionException(new UpgradeException(uri, 404, "gone")))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(SandboxProxy.refusal(new UpgradeException(uri, 400, "bad"))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(SandboxProxy.refusal(new UpgradeException(uri, 500, "boom"))).isEqualTo(ErrorCode.BAD_GATEWAY);
        assertThat(SandboxProxy.refusal(new java.io.IOException("connection refused"))).isEqualTo(ErrorCode.BAD_GATEWAY);
    }
}
