package gt.enlace.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class UpSecurityOptionTest {

    @Test
    void upIsSecureUnlessToldInsecure() {
        UpCommand secure = new UpCommand();
        new CommandLine(secure).parseArgs();
        assertThat(secure.settings().secure()).isTrue();

        UpCommand insecure = new UpCommand();
        new CommandLine(insecure).parseArgs("--insecure");
        assertThat(insecure.settings().secure()).isFalse();

        UpCommand explicit = new UpCommand();
        new CommandLine(explicit).parseArgs("--insecure", "true", "--http-port", "0");
        assertThat(explicit.settings().secure()).isFalse();
        assertThat(UpCommand.INSECURE_WARNING).contains("INSECURE").contains("anyone");
    }
}
