package org.vnemr.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vnemr.signing.devca.DevelopmentCa;
import org.vnemr.signing.keys.Pkcs12Signer;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DevCaCommandTest {

    @TempDir
    Path directory;

    @Test
    void initIssueRevoke_makeAMarkedCaAUsableKeystoreAndACrl() throws Exception {
        Path ca = directory.resolve("ca");
        assertThat(DevCaCommand.run(new String[] {"init", ca.toString()})).isZero();
        assertThat(DevCaCommand.run(new String[] {"issue", ca.toString(), "--name=Nguyễn Văn An",
                "--id=001085012345", "--out=" + directory.resolve("an"), "--pin=246810"})).isZero();

        Pkcs12Signer signer = Pkcs12Signer.open(directory.resolve("an.p12"), "246810".toCharArray());
        assertThat(signer.certificate().getSubjectX500Principal().getName()).contains("CCCD:001085012345");
        assertThat(DevelopmentCa.isDevelopmentCertificate(signer.certificate())).isTrue();
        assertThat(Files.readString(directory.resolve("an.pem"))).contains("BEGIN CERTIFICATE");

        assertThat(DevCaCommand.run(new String[] {"revoke", ca.toString(), "--cert=" + directory.resolve("an.pem")}))
                .isZero();
        assertThat(DevelopmentCa.open(ca, "vnemr-dev".toCharArray()).currentCrl().isRevoked(signer.certificate()))
                .isTrue();
    }

    @Test
    void badInput_isRefusedWithoutAStackTrace() {
        Path ca = directory.resolve("ca");
        assertThat(DevCaCommand.run(new String[] {"init", ca.toString()})).isZero();
        assertThat(DevCaCommand.run(new String[] {"init", ca.toString()})).isEqualTo(1);
        assertThat(DevCaCommand.run(new String[] {"issue", ca.toString(), "--name=X", "--id=123",
                "--out=" + directory.resolve("x")})).isEqualTo(1);
        assertThat(DevCaCommand.run(new String[] {"issue", ca.toString(), "--id=001085012345"})).isEqualTo(1);
        assertThat(DevCaCommand.run(new String[] {"issue", directory.resolve("none").toString(), "--name=X",
                "--id=001085012345", "--out=x"})).isEqualTo(1);
        assertThat(DevCaCommand.run(new String[] {"frobnicate", ca.toString()})).isEqualTo(2);
        assertThat(Files.exists(directory.resolve("x.p12"))).isFalse();
    }
}
