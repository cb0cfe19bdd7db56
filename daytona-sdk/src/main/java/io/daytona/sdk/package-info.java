/**
 * The Daytona Java SDK: create sandboxes and work in them: run commands and sessions
 * ({@link io.daytona.sdk.SandboxProcess}), move and edit files ({@link io.daytona.sdk.FileSystem}),
 * drive terminals ({@link io.daytona.sdk.PtyHandle}) and run stateful Python
 * ({@link io.daytona.sdk.CodeInterpreter}).
 *
 * <pre>{@code
 * try (Daytona daytona = new Daytona()) {          // reads DAYTONA_API_KEY, DAYTONA_API_URL
 *     Sandbox sandbox = daytona.create();
 *     ExecuteResponse response = sandbox.getProcess().executeCommand("echo hello");
 *     System.out.println(response.result());
 *     sandbox.delete();
 * }
 * }</pre>
 *
 * <p>Every failure is a {@link io.daytona.sdk.DaytonaException}; the wire types are the records of
 * {@code io.daytona.model}.
 */
package io.daytona.sdk;
