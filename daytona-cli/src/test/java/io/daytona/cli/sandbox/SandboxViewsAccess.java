package io.daytona.cli.sandbox;

import io.daytona.model.sandbox.Sandbox;
import java.util.List;

/** Opens the package's views to tests of other packages. */
public final class SandboxViewsAccess {
    private SandboxViewsAccess() {}

    public static String table(List<Sandbox> sandboxes) {
        return SandboxViews.table(sandboxes);
    }

    public static String info(Sandbox sandbox) {
        return SandboxViews.info(sandbox);
    }
}
