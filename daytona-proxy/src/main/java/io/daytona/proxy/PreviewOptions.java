package io.daytona.proxy;

/**
 * How the proxy treats preview hosts.
 *
 * @param warningPage whether a browser's first visit to a preview host shows the warning page
 *     (skipped with {@code X-Daytona-Skip-Preview-Warning: true})
 */
public record PreviewOptions(boolean warningPage) {
    /** The defaults: the warning page is shown. */
    public static PreviewOptions defaults() {
        return new PreviewOptions(true);
    }
}
