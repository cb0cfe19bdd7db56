package io.daytona.sdk.internal;

/** The identity the SDK reports in its {@code X-Daytona-Source}, {@code X-Daytona-SDK-Version} and {@code User-Agent} headers. */
public final class SdkVersion {
    /** The value of {@code X-Daytona-Source}. */
    public static final String SOURCE = "sdk-java";

    private SdkVersion() {}

    /** {@return the {@code Implementation-Version} of the SDK jar's manifest, or {@code dev} when it has none} */
    public static String current() {
        String version = SdkVersion.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? "dev" : version;
    }
}
