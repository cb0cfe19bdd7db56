package io.daytona.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.http.ServiceException;
import io.daytona.model.sandbox.CreateBuildInfo;
import io.daytona.model.sandbox.CreateSandbox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreateSandboxValidatorTest {
    private static final SandboxDefaults DEFAULTS = new SandboxDefaults("daytona/sandbox:0.1.0", "us", "http://p/toolbox", 4, 8, 10, "http", "localhost:4000",
            SandboxDefaults.DEFAULT_MAX_AUTO_ARCHIVE);

    @Test
    void acceptsAnEmptyRequestAndReasonableValues() {
        assertThatCode(() -> CreateSandboxValidator.validate(CreateSandbox.builder().build(), DEFAULTS)).doesNotThrowAnyException();
        assertThatCode(() -> CreateSandboxValidator.validate(CreateSandbox.builder().name("my-box_1.0").cpu(4).memory(8).disk(10)
                .env(Map.of("A_B", "1")).labels(Map.of("k", "v")).autoStopInterval(0).autoDeleteInterval(-1).build(), DEFAULTS))
                .doesNotThrowAnyException();
    }

    @Test
    void namesTheFieldAndTheFixForEachBadValue() {
        assertRejected(CreateSandbox.builder().cpu(0).build(), "cpu must be at least 1, got 0");
        assertRejected(CreateSandbox.builder().cpu(5).build(), "cpu must be at most 4 cores");
        assertRejected(CreateSandbox.builder().memory(-2).build(), "memory must be at least 1");
        assertRejected(CreateSandbox.builder().disk(11).build(), "disk must be at most 10 GiB");
        assertRejected(CreateSandbox.builder().gpu(1).build(), "gpu must be 0");
        assertRejected(CreateSandbox.builder().name("-leading-dash").build(), "name '-leading-dash' is invalid");
        assertRejected(CreateSandbox.builder().user("Root!").build(), "user 'Root!'");
        assertRejected(CreateSandbox.builder().env(Map.of("1X", "v")).build(), "env variable name '1X'");
        assertRejected(CreateSandbox.builder().autoStopInterval(-1).build(), "autoStopInterval must be at least 0");
        assertRejected(CreateSandbox.builder().autoDeleteInterval(-2).build(), "autoDeleteInterval must be at least -1");
        assertRejected(CreateSandbox.builder().buildInfo(new CreateBuildInfo(" ", List.of())).build(), "buildInfo.dockerfileContent is required");
    }

    private static void assertRejected(CreateSandbox request, String message) {
        assertThatThrownBy(() -> CreateSandboxValidator.validate(request, DEFAULTS))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining(message);
    }
}
