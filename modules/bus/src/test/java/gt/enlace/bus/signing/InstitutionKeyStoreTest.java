package gt.enlace.bus.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstitutionKeyStoreTest {

    @TempDir
    Path dir;

    @Test
    void aKeyIsCreatedOnFirstUseWithAnOwnerOnlyPrivateFileAndKeptAfterwards() throws Exception {
        InstitutionKeyStore store = new InstitutionKeyStore(dir.resolve("keys"));
        SigningKey first = store.signingKey("renap");

        Path privateFile = dir.resolve("keys/renap.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile))).isEqualTo("rw-------");
        assertThat(Files.readString(privateFile)).contains("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(dir.resolve("keys/renap.pub"))).contains("-----BEGIN PUBLIC KEY-----")
            .contains(first.keyId());

        SigningKey again = new InstitutionKeyStore(dir.resolve("keys")).signingKey("renap");
        assertThat(again.keyId()).isEqualTo(first.keyId());
        assertThat(SigningKey.load(privateFile).keyId()).isEqualTo(first.keyId());
    }

    @Test
    void publishedKeysListEveryInstitutionAndFindByKeyId() {
        InstitutionKeyStore store = new InstitutionKeyStore(dir);
        SigningKey sat = store.signingKey("sat");
        SigningKey renap = store.signingKey("renap");
        assertThat(store.publishedKeys()).extracting(PublishedKey::institution).containsExactly("renap", "sat");
        assertThat(store.find(sat.keyId())).map(PublishedKey::institution).contains("sat");
        assertThat(store.find("sat-000000000000")).isEmpty();
        assertThat(store.find("nonsense")).isEmpty();
        PublishedKey parsed = PublishedKey.fromBase64("renap", renap.keyId(), renap.published().base64(), "test");
        assertThat(parsed.publicKey()).isEqualTo(renap.published().publicKey());
    }

    @Test
    void aBadInstitutionCodeOrAMissingFileIsAClearError() {
        InstitutionKeyStore store = new InstitutionKeyStore(dir);
        assertThatThrownBy(() -> store.signingKey("../etc")).hasMessageContaining("institution code '../etc'");
        assertThatThrownBy(() -> SigningKey.load(dir.resolve("nobody.key"))).isInstanceOf(InvalidKeyFileException.class)
            .hasMessageContaining("nobody.key does not exist");
    }

    @Test
    void aPrivateKeyThatDoesNotMatchItsPublicKeyIsRefused() throws Exception {
        InstitutionKeyStore store = new InstitutionKeyStore(dir);
        store.signingKey("renap");
        store.signingKey("sat");
        Files.copy(dir.resolve("sat.pub"), dir.resolve("renap.pub"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> new EventSigner(SigningKey.load(dir.resolve("renap.key"))))
            .hasMessageContaining("does not match its public key");
    }

    @Test
    void aKeyListingFromThePlatformIsParsedAndItsKeyIdsChecked() {
        SigningKey renap = new InstitutionKeyStore(dir).signingKey("renap");
        String body = "{\"keys\":[{\"institution\":\"renap\",\"keyId\":\"" + renap.keyId() + "\",\"algorithm\":\"Ed25519\","
            + "\"publicKey\":\"" + renap.published().base64() + "\"}]}";
        assertThat(HttpKeyDirectory.parse(body, "test")).extracting(PublishedKey::keyId).containsExactly(renap.keyId());
        String lying = body.replace(renap.keyId(), "renap-000000000000");
        assertThatThrownBy(() -> HttpKeyDirectory.parse(lying, "test")).hasMessageContaining("does not match its key");
    }
}
