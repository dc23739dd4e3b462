package org.vnemr.platform.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    @Test
    void sealedSecrets_openOnlyWithTheSameKeyAndPurpose(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("secrets/node.key");
        SecretBox box = SecretBox.fromEnvironmentOrFile(null, keyFile);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        byte[] secret = Totp.newSecret();
        String sealed = box.seal(secret, "account.totp:bs.lan");
        assertThat(sealed).startsWith("v1:").doesNotContain(new String(secret, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(SecretBox.fromEnvironmentOrFile(null, keyFile).open(sealed, "account.totp:bs.lan")).isEqualTo(secret);
        assertThatThrownBy(() -> box.open(sealed, "account.totp:dd.hoa")).hasMessageContaining("VNEMR-5030");
        SecretBox other = SecretBox.fromEnvironmentOrFile(null, dir.resolve("other.key"));
        assertThatThrownBy(() -> other.open(sealed, "account.totp:bs.lan")).hasMessageContaining("VNEMR-5030");
        assertThat(box.seal(secret, "p")).isNotEqualTo(box.seal(secret, "p"));
    }
}
