package gt.enlace.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void passwordsAreCreatedOnceAndNeitherTheDirectoryNorTheFilesAreReadableByOthers() throws Exception {
        CredentialStore store = CredentialStore.in(dataDir);
        Map<String, String> first = store.ensure(List.of("admin", "renap", "sat"));
        assertThat(first).containsOnlyKeys("admin", "renap", "sat");
        assertThat(first.values()).allSatisfy(p -> assertThat(p).matches("[A-Za-z0-9]{32}")).doesNotHaveDuplicates();
        assertThat(store.ensure(List.of("admin", "renap", "sat", "mspas"))).containsOnlyKeys("mspas");
        assertThat(store.require("sat")).isEqualTo(first.get("sat"));
        assertThat(store.users()).containsExactly("admin", "mspas", "renap", "sat");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.directory()))).isEqualTo("rwx------");
        try (var files = Files.list(store.directory())) {
            assertThat(files.toList()).hasSize(4).allSatisfy(f ->
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------"));
        }
    }

    @Test
    void passwordsAreCheckedAndMissingOrInvalidPrincipalsAreNamed() {
        CredentialStore store = CredentialStore.in(dataDir);
        String password = store.add("renap");
        assertThat(store.matches("renap", password)).isTrue();
        assertThat(store.matches("renap", password + "x")).isFalse();
        assertThat(store.matches("../etc/passwd", "x")).isFalse();
        assertThatThrownBy(() -> store.require("sat")).isInstanceOf(CredentialException.class)
            .hasMessageContaining("User:sat").hasMessageContaining("enlace institutions add sat");
        assertThatThrownBy(() -> store.add("renap")).hasMessageContaining("already has credentials");
        assertThatThrownBy(() -> store.add("Bad Name")).hasMessageContaining("not a valid principal name");
    }
}
