package io.daytona.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlsTest {
    @Test
    void encodesSpacesAndSlashesInSegments() {
        assertThat(Urls.segment("a b/c")).isEqualTo("a%20b%2Fc");
    }

    @Test
    void buildsQueriesSkippingNullValues() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("cursor", null);
        parameters.put("labels", "{\"k\":\"v w\"}");
        parameters.put("limit", "2");

        assertThat(Urls.query(parameters)).isEqualTo("?labels=%7B%22k%22%3A%22v%20w%22%7D&limit=2");
        assertThat(Urls.query(Map.of())).isEmpty();
    }

    @Test
    void stripsTrailingSlashes() {
        assertThat(Urls.stripTrailingSlashes("http://h/toolbox//")).isEqualTo("http://h/toolbox");
    }
}
