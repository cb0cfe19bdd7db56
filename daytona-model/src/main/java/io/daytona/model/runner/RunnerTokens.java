package io.daytona.model.runner;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credentials between a runner and the control plane. A runner is given one key; the control
 * plane stores only its SHA-256 (to recognise the runner's healthchecks) and a <em>call token</em>
 * derived from it (to call the runner's API). Neither reveals the key, and the call token cannot
 * be used to pose as the runner.
 */
public final class RunnerTokens {
    /** Runner keys start with this, so a sandbox API key sent to a runner route is told apart. */
    public static final String KEY_PREFIX = "dtr_";
    /** The header the proxy sends the call token in, leaving {@code Authorization} to the caller's request. */
    public static final String AUTHORIZATION_HEADER = "X-Daytona-Authorization";

    private RunnerTokens() {}

    /** The token the control plane calls the runner holding {@code runnerKey} with. */
    public static String callToken(String runnerKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(runnerKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "dtc_" + HexFormat.of().formatHex(mac.doFinal("daytona runner call".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
