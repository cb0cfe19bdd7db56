package io.daytona.controlplane.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoreTest {
    @TempDir
    Path root;

    @Test
    void storesListsAndRefusesKeysLeavingTheBucket() throws Exception {
        ObjectStore store = new ObjectStore(root, "b");
        store.put("org/h1/context.tar", new ByteArrayInputStream(new byte[] {1, 2, 3}));
        store.put("org/h2/context.tar", new ByteArrayInputStream(new byte[] {4}));
        store.put("other/h1/context.tar", new ByteArrayInputStream(new byte[] {5}));
        assertThat(store.list("org/h1/", 1)).extracting(ObjectStore.ObjectInfo::key).containsExactly("org/h1/context.tar");
        assertThat(store.list("org/", 10)).hasSize(2);
        assertThat(store.list("org/none/", 10)).isEmpty();
        assertThat(store.get("org/h1/context.tar")).isPresent();
        for (String bad : new String[] {"../x", "org/../../x", "/etc/passwd", "a/./b"}) {
            assertThatThrownBy(() -> store.put(bad, new ByteArrayInputStream(new byte[0]))).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
