package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.model.sandbox.SandboxState;
import io.daytona.model.sandbox.UpdateSandboxNetworkSettings;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.DaytonaNotFoundException;
import io.daytona.sdk.DaytonaTimeoutException;
import io.daytona.sdk.ExecuteResponse;
import io.daytona.sdk.FileSystem;
import io.daytona.sdk.Sandbox;
import io.daytona.sdk.chart.BarChart;
import io.daytona.sdk.chart.Chart;
import io.daytona.sdk.chart.ChartType;
import io.daytona.sdk.chart.CompositeChart;
import io.daytona.sdk.chart.LineChart;
import io.daytona.sdk.chart.PieChart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of the Java SDK that mirror the Python SDK beyond the basics, against a real sandbox:
 * typed charts, network settings, transfers with progress, the entrypoint session this platform
 * does not have, and lifecycle calls with timeouts and their messages.
 */
@ExtendWith(PlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class JavaSdkSurfaceTest {
    private Daytona daytona;
    private Sandbox sandbox;

    @TempDir
    Path local;

    @BeforeAll
    void createSandbox(Platform platform) {
        daytona = new Daytona(DaytonaConfig.builder().apiKey(platform.adminKey()).apiUrl(platform.apiUrl().toString()).build());
        sandbox = daytona.create(p -> p.labels(Map.of("suite", "java-sdk-surface")));
    }

    @AfterAll
    void deleteSandbox() {
        try {
            if (sandbox != null) {
                daytona.delete(sandbox, Duration.ofSeconds(30));
            }
        } finally {
            daytona.close();
        }
    }

    @Test
    void codeRunReturnsTheFiguresAsTypedCharts() {
        ExecuteResponse response = sandbox.getProcess().codeRun("""
                import matplotlib.pyplot as plt
                plt.plot([0, 1, 2], [0, 1, 4], label='square')
                plt.title('Growth')
                plt.xlabel('step')
                plt.show()
                fig, ax = plt.subplots()
                ax.bar([0, 1], [3, 5], label='2024')
                ax.set_title('Sold')
                plt.show()
                fig, (left, right) = plt.subplots(1, 2)
                left.plot([1, 2], [2, 1])
                right.pie([1, 3])
                right.set_title('Share')
                fig.suptitle('Both')
                plt.show()
                print('done')
                """);

        assertThat(response.exitCode()).as(response.result()).isZero();
        assertThat(response.artifacts().stdout()).isEqualTo("done\n");
        List<Chart> charts = response.artifacts().charts();
        assertThat(charts).extracting(Chart::type).containsExactly(ChartType.LINE, ChartType.BAR, ChartType.COMPOSITE_CHART);
        LineChart line = (LineChart) charts.get(0);
        assertThat(line.title()).isEqualTo("Growth");
        assertThat(line.xLabel()).isEqualTo("step");
        assertThat(line.png()).isNotBlank();
        assertThat(line.elements()).singleElement().satisfies(series -> {
            assertThat(series.label()).isEqualTo("square");
            assertThat(series.points()).extracting(point -> point.y()).containsExactly(0.0, 1.0, 4.0);
        });
        assertThat(line.metadata().type()).isEqualTo("line");
        assertThat(((BarChart) charts.get(1)).elements()).extracting(bar -> Double.parseDouble(bar.value())).containsExactly(3.0, 5.0);
        CompositeChart both = (CompositeChart) charts.get(2);
        assertThat(both.title()).isEqualTo("Both");
        assertThat(both.elements()).extracting(Chart::type).containsExactly(ChartType.LINE, ChartType.PIE);
        assertThat(((PieChart) both.elements().get(1)).elements()).hasSize(2);
        assertThat(sandbox.getProcess().executeCommand("echo plain").artifacts().charts()).isEmpty();
    }

    @Test
    void networkSettingsChangeThroughTheSdk() {
        sandbox.updateNetworkSettings(new UpdateSandboxNetworkSettings(null, "10.0.0.0/8,192.168.1.0/24", null));
        assertThat(sandbox.getNetworkAllowList()).isEqualTo("10.0.0.0/8,192.168.1.0/24");
        assertThat(daytona.get(sandbox.getId()).getNetworkAllowList()).isEqualTo("10.0.0.0/8,192.168.1.0/24");
        sandbox.updateNetworkSettings(new UpdateSandboxNetworkSettings(true, "", null));
        assertThat(sandbox.isNetworkBlockAll()).isTrue();
        sandbox.updateNetworkSettings(new UpdateSandboxNetworkSettings(false, null, null));
        assertThat(sandbox.isNetworkBlockAll()).isFalse();
        assertThatThrownBy(() -> sandbox.updateNetworkSettings(new UpdateSandboxNetworkSettings(null, "not-a-cidr", null)))
                .hasMessageStartingWith("Failed to update network settings: ");
    }

    @Test
    void transfersReportTheirProgress() throws Exception {
        Path source = Files.write(local.resolve("progress.bin"), new byte[3 * 1024 * 1024 + 17]);
        FileSystem fs = sandbox.getFs();
        List<Long> sent = new CopyOnWriteArrayList<>();
        fs.uploadFile(source, "progress/p.bin", Duration.ofMinutes(2), (done, total) -> {
            assertThat(total).isEqualTo(3 * 1024 * 1024 + 17);
            sent.add(done);
        });
        assertThat(sent.getLast()).isEqualTo(Files.size(source));
        assertThat(fs.getFileDetails("progress/p.bin").size()).isEqualTo(Files.size(source));

        List<Long> received = new CopyOnWriteArrayList<>();
        Path back = local.resolve("back.bin");
        fs.downloadFile("progress/p.bin", back, Duration.ofMinutes(2), (done, total) -> received.add(done));
        assertThat(received).isSorted();
        assertThat(received.getLast()).isEqualTo(Files.size(source));
        assertThat(Files.mismatch(source, back)).isEqualTo(-1);
        fs.deleteFile("progress", true);
    }

    /** This platform keeps the entrypoint's output in a file, not a session; the SDK says so rather than a bare 404. */
    @Test
    void theEntrypointSessionIsNotThereAndTheFailureSaysWhereItsOutputIs() {
        for (Runnable call : List.<Runnable>of(
                () -> sandbox.getProcess().getEntrypointSession(),
                () -> sandbox.getProcess().getEntrypointLogs(),
                () -> sandbox.getProcess().getEntrypointLogs(out -> { }, err -> { }))) {
            assertThatThrownBy(call::run).isInstanceOf(DaytonaNotFoundException.class)
                    .hasMessageStartingWith("Failed to get entrypoint ")
                    .hasMessageContaining(".daytona/entrypoint.log");
        }
    }

    @Test
    void lifecycleCallsTakeTimeoutsAndTheirFailuresReadAsThePythonSdksDo() {
        Sandbox other = daytona.create(p -> p.labels(Map.of("suite", "java-sdk-surface-lifecycle")));
        try {
            daytona.stop(other, Duration.ofSeconds(60));
            assertThat(other.getState()).isEqualTo(SandboxState.STOPPED);
            other.waitUntilStopped(Duration.ofSeconds(5));
            assertThatThrownBy(() -> other.waitUntilStarted(Duration.ofSeconds(1))).isInstanceOf(DaytonaTimeoutException.class)
                    .hasMessageStartingWith("Failure during waiting for sandbox to start: ");
            daytona.start(other, Duration.ofSeconds(60));
            other.waitUntilStarted(Duration.ofSeconds(5));
            assertThat(other.getWorkDir()).isEqualTo("/home/daytona");
        } finally {
            daytona.delete(other, Duration.ofSeconds(30));
        }
        other.waitUntilStopped(Duration.ofSeconds(60));
        assertThatThrownBy(() -> other.delete()).isInstanceOf(DaytonaNotFoundException.class)
                .hasMessageStartingWith("Failed to remove sandbox: ");
    }
}
