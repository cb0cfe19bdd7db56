package io.daytona.sdk;

/**
 * A rectangle of the desktop to capture, in pixels ({@code ScreenshotRegion} of the Python SDK).
 * It must lie inside the display ({@code x + width} and {@code y + height} at most the display's
 * width and height), which the server checks.
 *
 * @param x its left edge, at least 0
 * @param y its top edge, at least 0
 * @param width more than 0
 * @param height more than 0
 */
public record ScreenshotRegion(int x, int y, int width, int height) {
    /**
     * Checks the rectangle.
     *
     * @param x its left edge, at least 0
     * @param y its top edge, at least 0
     * @param width more than 0
     * @param height more than 0
     * @throws IllegalArgumentException if {@code x} or {@code y} is negative, or {@code width} or
     *     {@code height} is not positive
     */
    public ScreenshotRegion {
        if (x < 0 || y < 0) {
            throw new IllegalArgumentException("x and y must not be negative");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("width and height must be more than 0");
        }
    }
}
