package dev.rookery.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.testutils.FakeRecordPredictor;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  @Test
  void constructor_fiveArguments_bindsEveryInterface() {
    assertThat(new ServerConfig(new FakeRecordPredictor(), 8080, "local-endpoint", "AllTraffic", null).bindHost())
        .isEqualTo(ServerConfig.ALL_INTERFACES);
  }

  @Test
  void loopback_any_bindsLoopbackOnly() {
    assertThat(ServerConfig.loopback(new FakeRecordPredictor(), 8080, "local-endpoint", "AllTraffic", null).bindHost())
        .isEqualTo("127.0.0.1");
  }

  @Test
  void constructor_blankBindHost_failsNamingIt() {
    assertThatThrownBy(() -> new ServerConfig(new FakeRecordPredictor(), 0, "local-endpoint", "AllTraffic", null, " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bindHost").hasMessageContaining("' '");
  }
}
