package io.daytona.model.toolbox.computeruse;

import java.util.List;

/**
 * The body of {@code POST /computeruse/keyboard/key}.
 *
 * @param key the key: a character ({@code a}), a name ({@code Enter}, {@code Escape}, {@code F5}) or an X keysym
 * @param modifiers held while it is pressed: {@code ctrl}, {@code alt}, {@code shift}, {@code meta}
 */
public record KeyboardPressRequest(String key, List<String> modifiers) {
    public KeyboardPressRequest {
        modifiers = modifiers == null ? List.of() : List.copyOf(modifiers);
    }
}
