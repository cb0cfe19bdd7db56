package io.daytona.daemon.computeruse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import io.daytona.model.toolbox.computeruse.WindowInfo;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The parts of computer use that need no display: key names, window lines, options, configuration. */
class InputParsingTest {
    @Test
    void keyNamesOfTheSdksBecomeXKeysyms() {
        assertThat(Keyboard.key("Enter")).isEqualTo("Return");
        assertThat(Keyboard.key("esc")).isEqualTo("Escape");
        assertThat(Keyboard.key("PageDown")).isEqualTo("Next");
        assertThat(Keyboard.key("f12")).isEqualTo("F12");
        assertThat(Keyboard.key("cmd")).isEqualTo("super");
        assertThat(Keyboard.key("+")).isEqualTo("plus");
        assertThat(Keyboard.key("a")).isEqualTo("a");
        assertThat(Keyboard.key("é")).isEqualTo("é");
        assertThat(Keyboard.key("KP_Enter")).isEqualTo("KP_Enter");
        assertThatThrownBy(() -> Keyboard.key("a b")).isInstanceOf(ServiceException.class).hasMessageContaining("unknown key");
        assertThatThrownBy(() -> Keyboard.key("")).isInstanceOf(ServiceException.class).hasMessageContaining("required");
    }

    @Test
    void wmctrlLinesBecomeWindows() {
        Optional<WindowInfo> window = Screen.parseWindow("0x01a00003  0 96   120  484  316  daytona cu term: a title", 0x01a00003L);
        assertThat(window).contains(new WindowInfo(0x01a00003L, "cu term: a title", 96, 120, 484, 316, true));
        assertThat(Screen.parseWindow("0x00c00004 -1 0    0    1024 768  daytona", 1)).get()
                .satisfies(w -> assertThat(w.title()).isEmpty()).satisfies(w -> assertThat(w.isActive()).isFalse());
        assertThat(Screen.parseWindow("garbage", 1)).isEmpty();
    }

    @Test
    void screenshotOptionsAreChecked() {
        assertThat(Screen.shot(Optional.empty(), false, Optional.of("JPG"), Optional.empty(), Optional.empty(), true).format())
                .isEqualTo("jpeg");
        assertThat(Screen.shot(Optional.empty(), true, Optional.empty(), Optional.empty(), Optional.empty(), false).quality()).isEqualTo(85);
        assertBadRequest(() -> Screen.shot(Optional.empty(), false, Optional.of("gif"), Optional.empty(), Optional.empty(), true), "format");
        assertBadRequest(() -> Screen.shot(Optional.empty(), false, Optional.empty(), Optional.of(101), Optional.empty(), true), "quality");
        assertBadRequest(() -> Screen.shot(Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.of(0.0), true), "scale");
        assertBadRequest(() -> Screen.shot(Optional.of(new Screen.Region(0, 0, 0, 5)), false, Optional.empty(), Optional.empty(),
                Optional.empty(), false), "width");
        assertBadRequest(() -> Mouse.point(null, 1, "x", "y"), "required");
        assertBadRequest(() -> Mouse.point(-1, 1, "x", "y"), "negative");
    }

    @Test
    void theConfigurationFallsBackToDefaultsItCannotUse() {
        Path home = Path.of("/home/daytona");
        DesktopConfig defaults = DesktopConfig.fromEnvironment(Map.of(), home);
        assertThat(defaults.display()).isEqualTo(":0");
        assertThat(defaults.width()).isEqualTo(1024);
        assertThat(defaults.noVncPort()).isEqualTo(6080);
        assertThat(defaults.xSocket()).isEqualTo(Path.of("/tmp/.X11-unix/X0"));
        DesktopConfig custom = DesktopConfig.fromEnvironment(Map.of("DISPLAY", ":3.0", "VNC_RESOLUTION", "1280x800x24",
                "NO_VNC_PORT", "7000"), home);
        assertThat(custom.display()).isEqualTo(":3");
        assertThat(custom.height()).isEqualTo(800);
        assertThat(custom.noVncPort()).isEqualTo(7000);
        DesktopConfig odd = DesktopConfig.fromEnvironment(Map.of("DISPLAY", "remote:10.0", "VNC_RESOLUTION", "big",
                "VNC_PORT", "99999"), home);
        assertThat(odd.display()).isEqualTo(":0");
        assertThat(odd.width()).isEqualTo(1024);
        assertThat(odd.vncPort()).isEqualTo(5901);
    }

    private static void assertBadRequest(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String mentioned) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.getMessage()).contains(mentioned);
        });
    }
}
