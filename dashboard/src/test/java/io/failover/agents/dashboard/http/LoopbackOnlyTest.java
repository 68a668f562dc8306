package io.failover.agents.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which Host headers count as this machine when the dashboard runs with --auth none. */
class LoopbackOnlyTest {
  @ParameterizedTest
  @ValueSource(strings = {"localhost", "localhost:8081", "LOCALHOST:8081", "app.localhost:8081", "localhost.", "127.0.0.1",
      "127.0.0.1:8081", "127.1.2.3:80", "[::1]", "[::1]:8081"})
  void loopbackNamesAndAddressesAreThisMachine(String host) {
    assertThat(LoopbackOnly.isLoopback(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "evil.example", "evil.example:8081", "127.0.0.1.evil.example", "localhost.evil.example",
      "10.0.0.1", "128.0.0.1", "127.0.0.256", "127.0.0", "[::2]:8081", "[::1]x", "localhost:80x", "0.0.0.0", "::1"})
  void anythingElseIsNot(String host) {
    assertThat(LoopbackOnly.isLoopback(host)).isFalse();
  }
}
