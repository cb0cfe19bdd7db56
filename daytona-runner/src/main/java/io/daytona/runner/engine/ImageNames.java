package io.daytona.runner.engine;

/** Maps snapshot image names to what the local engine stores. */
public final class ImageNames {
    private ImageNames() {}

    /**
     * Images built on this host carry no registry; Podman stores them as {@code localhost/<name>}.
     * A name whose first component has a dot, a colon or is {@code localhost} already names a registry.
     */
    public static String local(String image) {
        int slash = image.indexOf('/');
        if (slash > 0) {
            String first = image.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                return image;
            }
        }
        return "localhost/" + image;
    }
}
