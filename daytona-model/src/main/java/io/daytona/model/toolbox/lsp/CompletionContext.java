package io.daytona.model.toolbox.lsp;

/**
 * Why completion was asked for.
 *
 * @param triggerKind 1 invoked by the user, 2 a trigger character was typed, 3 re-triggered for an incomplete list
 * @param triggerCharacter the character typed when {@code triggerKind} is 2
 */
public record CompletionContext(int triggerKind, String triggerCharacter) {}
