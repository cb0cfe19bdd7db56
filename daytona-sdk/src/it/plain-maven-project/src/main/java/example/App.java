package example;

import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.Sandbox;

/** Prints the state of a sandbox: {@code App <api url> <api key> <sandbox id or name>}. */
public final class App {
    private App() {}

    public static void main(String[] args) {
        System.out.println(describe(args[0], args[1], args[2]));
    }

    /** Looks the sandbox up and describes it. */
    public static String describe(String apiUrl, String apiKey, String idOrName) {
        try (Daytona daytona = new Daytona(DaytonaConfig.builder().apiUrl(apiUrl).apiKey(apiKey).build())) {
            Sandbox sandbox = daytona.get(idOrName);
            return sandbox.getId() + " is " + sandbox.getState().wireValue();
        }
    }
}
