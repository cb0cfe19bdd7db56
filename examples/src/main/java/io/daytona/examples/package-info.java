/**
 * Runnable examples of the Java SDK, one class per topic of the Daytona documentation. Each has a
 * {@code main} that reads {@code DAYTONA_API_KEY} and {@code DAYTONA_API_URL} (environment, then
 * {@code .env}) and a {@code run(Daytona)} method that the end-to-end tests call against a running
 * platform, so the examples cannot rot.
 *
 * <pre>{@code
 * ./mvnw -q install -DskipTests -pl examples -am
 * java -cp "examples/target/classes:$(./mvnw -q -pl examples dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" \
 *     io.daytona.examples.Quickstart
 * }</pre>
 */
package io.daytona.examples;
