package io.daytona.sdk;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How a compressed screenshot is taken ({@code ScreenshotOptions} of the Python SDK), for
 * {@link ComputerUse.Screenshot#takeCompressed(ScreenshotOptions)} and
 * {@link ComputerUse.Screenshot#takeCompressedRegion(ScreenshotRegion, ScreenshotOptions)}; absent
 * values take the server's defaults (PNG, quality 85, scale 1). The quality and scale are checked
 * here, the format by the server.
 *
 * <pre>{@code
 * ScreenshotOptions jpeg = ScreenshotOptions.of(o -> o.format("jpeg").quality(70).scale(0.5));
 * }</pre>
 *
 * @param showCursor whether to draw the pointer
 * @param format {@code png}, {@code jpeg} (also {@code jpg}) or {@code webp}, any case (kept in
 *     lower case)
 * @param quality 1 to 100, for JPEG and WebP (PNG is lossless and ignores it)
 * @param scale the factor by which width and height shrink: more than 0 and at most 1
 */
public record ScreenshotOptions(boolean showCursor, Optional<String> format, Optional<Integer> quality, Optional<Double> scale) {
    /** The server's defaults. */
    public static final ScreenshotOptions DEFAULTS = new ScreenshotOptions(false, Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * Checks the options and puts the format in lower case.
     *
     * @param showCursor whether to draw the pointer
     * @param format {@code png}, {@code jpeg} or {@code webp}; empty for PNG
     * @param quality 1 to 100; empty for 85
     * @param scale more than 0 and at most 1; empty for 1
     * @throws NullPointerException if {@code format}, {@code quality} or {@code scale} is null
     * @throws IllegalArgumentException if the quality is not from 1 to 100, or the scale is not more
     *     than 0 and at most 1
     */
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

    /**
     * Options built in place.
     *
     * @param options sets the values that differ from the server's defaults on the builder
     * @return the options
     * @throws IllegalArgumentException if the quality or scale is out of range
     */
    public static ScreenshotOptions of(Consumer<Builder> options) {
        Builder builder = new Builder();
        options.accept(builder);
        return builder.build();
    }

    /** {@return a builder with every value absent and the pointer not drawn} */
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

        /**
         * Sets whether to draw the pointer.
         *
         * @param value whether to draw the pointer into the image
         * @return this builder
         */
        public Builder showCursor(boolean value) {
            this.showCursor = value;
            return this;
        }

        /**
         * Sets the image format.
         *
         * @param value {@code png}, {@code jpeg} or {@code webp} (any case); null for the server's default, PNG
         * @return this builder
         */
        public Builder format(String value) {
            this.format = value;
            return this;
        }

        /**
         * Sets the quality of JPEG and WebP images, checked by {@link #build()}.
         *
         * @param value 1 (smallest) to 100 (best)
         * @return this builder
         */
        public Builder quality(int value) {
            this.quality = value;
            return this;
        }

        /**
         * Sets the factor by which width and height shrink, checked by {@link #build()}.
         *
         * @param value more than 0 and at most 1, e.g. 0.5 for half the width and height
         * @return this builder
         */
        public Builder scale(double value) {
            this.scale = value;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options, unset values absent
         * @throws IllegalArgumentException if the quality is not from 1 to 100, or the scale is not
         *     more than 0 and at most 1
         */
        public ScreenshotOptions build() {
            return new ScreenshotOptions(showCursor, Optional.ofNullable(format), Optional.ofNullable(quality), Optional.ofNullable(scale));
        }
    }
}
