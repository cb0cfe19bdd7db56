package io.daytona.e2e;

import io.daytona.model.sandbox.Sandbox;
import java.util.Map;

/**
 * A sandbox a test class creates once and deletes at the end.
 *
 * @param api the API, as the admin
 * @param toolbox the sandbox's toolbox through the proxy
 * @param id the sandbox's id
 */
record TestSandbox(Api api, Api toolbox, String id) implements AutoCloseable {
    static TestSandbox create(Platform platform, Map<String, Object> request) {
        Api api = Api.of(platform);
        Api.Reply created = api.post("/sandbox", request);
        if (created.status() != 200) {
            throw new AssertionError("could not create a sandbox: " + created.body());
        }
        String id = created.as(Sandbox.class).id();
        return new TestSandbox(api, api.toolbox(platform, id), id);
    }

    @Override
    public void close() {
        api.delete("/sandbox/" + id);
    }
}
