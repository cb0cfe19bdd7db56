package io.daytona.model.toolbox.computeruse;

/**
 * A screenshot ({@code GET /computeruse/screenshot}, {@code .../region}, {@code .../compressed}).
 *
 * @param screenshot the image, base64 (PNG unless a compressed format was asked for)
 * @param cursorPosition where the mouse pointer was, in display coordinates
 * @param sizeBytes the size of the image before base64
 */
public record ScreenshotResponse(String screenshot, Position cursorPosition, Integer sizeBytes) {
    /** The image's bytes (PNG, JPEG or WebP), decoded from {@link #screenshot()}. */
    public byte[] imageBytes() {
        return screenshot == null ? new byte[0] : java.util.Base64.getDecoder().decode(screenshot);
    }
}
