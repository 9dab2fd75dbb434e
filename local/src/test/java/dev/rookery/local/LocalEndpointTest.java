package dev.rookery.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalEndpointTest {
  @TempDir Path state;

  @Test
  void start_registeredModel_listensOnLoopbackOnly() throws Exception {
    // given: a registered model version
    assertThat(Cli.run(state, "run", "--no-serve").exitCode()).isZero();
    StateDir stateDir = new StateDir(state);
    ModelVersion version;
    try (Registry registry = Registry.open(stateDir.registryDb())) {
      version = registry.latestApproved().orElseThrow();
    }
    Optional<InetAddress> lan = nonLoopbackAddress();

    // when
    try (LocalEndpoint endpoint = LocalEndpoint.start(stateDir, version, 0, 100)) {
      // then: it answers on 127.0.0.1, is bound there, and refuses this machine's other address
      HttpResponse<String> ping = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(endpoint.info().url() + "/ping")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ping.statusCode()).isEqualTo(200);
      assertThat(endpoint.address().getAddress().isLoopbackAddress()).as(endpoint.address().toString()).isTrue();
      if (lan.isPresent()) {
        assertThatThrownBy(() -> {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(lan.get(), endpoint.info().port()), 2_000);
          }
        }).as("connect to %s", lan.get()).isInstanceOf(ConnectException.class);
      }
    }
  }

  /** An up, non-loopback, non-link-local IPv4 address of this machine, if any. */
  static Optional<InetAddress> nonLoopbackAddress() throws Exception {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback()) {
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (a instanceof Inet4Address && !a.isLinkLocalAddress()) {
            return Optional.of(a);
          }
        }
      }
    }
    return Optional.empty();
  }
}
