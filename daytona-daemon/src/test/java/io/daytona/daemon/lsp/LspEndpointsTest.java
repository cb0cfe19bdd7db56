package io.daytona.daemon.lsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.http.ServiceException;
import io.daytona.model.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LspEndpointsTest {
    private final LspEndpoints endpoints = new LspEndpoints(
            new LanguageServers(Json.newMapper(), language -> Optional.of(List.of("true")), language -> null), Path.of("/home/daytona"));

    @Test
    void readsDocumentUrisAsTheOfficialSdksBuildThem() {
        assertThat(endpoints.document("file:///home/daytona/p/a.py")).isEqualTo(Path.of("/home/daytona/p/a.py"));
        assertThat(endpoints.document("file://p/a b.py")).as("relative, unencoded").isEqualTo(Path.of("/home/daytona/p/a b.py"));
        assertThat(endpoints.document("file:///home/daytona/a%20b.py")).as("a proper URI").isEqualTo(Path.of("/home/daytona/a b.py"));
        assertThat(endpoints.document("file:///tmp/../etc/x.py")).isEqualTo(Path.of("/etc/x.py"));
    }

    @Test
    void rejectsUrisThatAreNotFileUris() {
        assertThatThrownBy(() -> endpoints.document("/home/daytona/a.py")).isInstanceOf(ServiceException.class)
                .hasMessageContaining("must start with file://");
        assertThatThrownBy(() -> endpoints.document("file://")).hasMessageContaining("names no file");
        assertThatThrownBy(() -> endpoints.document(null)).hasMessageContaining("uri is required");
    }

    @Test
    void namesDocumentLanguagesByExtension() {
        assertThat(LspLanguage.TYPESCRIPT.documentLanguage("/p/a.js")).isEqualTo("javascript");
        assertThat(LspLanguage.JAVASCRIPT.documentLanguage("/p/a.ts")).isEqualTo("typescript");
        assertThat(LspLanguage.TYPESCRIPT.documentLanguage("/p/a.tsx")).isEqualTo("typescriptreact");
        assertThat(LspLanguage.PYTHON.documentLanguage("/p/a.py")).isEqualTo("python");
        assertThat(LspLanguage.PYTHON.documentLanguage("/p/README")).isEqualTo("python");
        assertThatThrownBy(() -> LspLanguage.parse("ruby")).hasMessageContaining("unsupported languageId 'ruby'");
    }
}
