package io.daytona.sdk;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How a compressed screenshot is taken ({@code ScreenshotOptions} of the Python SDK); absent
 * values take the server's defaults (PNG, quality 85, scale 1).
 *
 * <pre>{@code
 * ScreenshotOptions jpeg = ScreenshotOptions.of(o -> o.format("jpeg").quality(70).scale(0.5));
 * }</pre>
 *
 * @param showCursor whether to draw the pointer
 * @param format {@code png}, {@code jpeg} or {@code webp}
 * @param quality 1 to 100, for JPEG and WebP
 * @param scale more than 0 and at most 1
 */
public record ScreenshotOptions(boolean showCursor, Optional<String> format, Optional<Integer> quality, Optional<Double> scale) {
    /** The server's defaults. */
    public static final ScreenshotOptions DEFAULTS = new ScreenshotOptions(false, Optional.empty(), Optional.empty(), Optional.empty());

    public ScreenshotOptions {
        Objects.requireNonNull(format, "format is null");
        Objects.requireNonNull(quality, "quality is null");
        Objects.requireNonNull(scale, "scale is null");
        quality.ifPresent(q -> {
            if (q < 1 || q > 100) {
                throw new IllegalArgumentException("quality must be from 1 to 100");
            }
        });
        scale.ifPresent(s -> {
            if (!(s > 0 && s <= 1)) {
                throw new IllegalArgumentException("scale must be more than 0 and at most 1");
            }
        });
        format = format.map(f -> f.toLowerCase(Locale.ROOT));
    }

    /** Options built in place. */
    public static ScreenshotOptions of(Consumer<Builder> options) {
        Builder builder = new Builder();
        options.accept(builder);
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ScreenshotOptions}. */
    public static final class Builder {
        private boolean showCursor;
        private String format;
        private Integer quality;
        private Double scale;

        private Builder() {}

        public Builder showCursor(boolean value) {
            this.showCursor = value;
            return this;
        }

        public Builder format(String value) {
            this.format = value;
            return this;
        }

        public Builder quality(int value) {
            this.quality = value;
            return this;
        }

        public Builder scale(double value) {
            this.scale = value;
            return this;
        }

        public ScreenshotOptions build() {
            return new ScreenshotOptions(showCursor, Optional.ofNullable(format), Optional.ofNullable(quality), Optional.ofNullable(scale));
        }
    }
}
