package io.daytona.sdk;

/**
 * A rectangle of the desktop to capture, in pixels ({@code ScreenshotRegion} of the Python SDK).
 *
 * @param x its left edge, at least 0
 * @param y its top edge, at least 0
 * @param width more than 0
 * @param height more than 0
 */
public record ScreenshotRegion(int x, int y, int width, int height) {
    public ScreenshotRegion {
        if (x < 0 || y < 0) {
            throw new IllegalArgumentException("x and y must not be negative");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("width and height must be more than 0");
        }
    }
}
