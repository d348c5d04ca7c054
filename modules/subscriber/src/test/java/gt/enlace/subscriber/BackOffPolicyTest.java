package gt.enlace.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackOffPolicyTest {

    @Test
    void delaysGrowByTheMultiplierUpToTheMaximum() {
        BackOffPolicy policy = new BackOffPolicy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5), 6);
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theDefaultIsFiveAttemptsFromOneSecondDoubling() {
        assertThat(BackOffPolicy.DEFAULT.maxAttempts()).isEqualTo(5);
        assertThat(BackOffPolicy.DEFAULT.delayAfter(4)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void rejectsSettingsThatCannotWork() {
        assertThatThrownBy(() -> new BackOffPolicy(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(5), 3))
            .hasMessageContaining("multiplier must be at least 1");
        assertThatThrownBy(() -> new BackOffPolicy(Duration.ofSeconds(1), 2, Duration.ofSeconds(5), 0))
            .hasMessageContaining("at least 1 (the first delivery)");
        assertThatThrownBy(() -> new BackOffPolicy(Duration.ofSeconds(-1), 2, Duration.ofSeconds(5), 3))
            .hasMessageContaining("cannot be negative");
    }
}
