package dev.rookery.testutils;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

/**
 * An IPv4 address of this machine other than 127.0.0.1, to prove what a server bound to 127.0.0.1
 * does not expose and what one bound to every interface does.
 */
public final class NonLoopbackAddress {
  /** Why a test needs {@link #require()}: what the README names as the capability. */
  public static final String NEED =
      "an IPv4 address of this machine other than 127.0.0.1: a network interface that is up, or 127.0.0.2"
          + " (every Linux machine has it: the whole of 127.0.0.0/8 is loopback)";

  private NonLoopbackAddress() {}

  /**
   * The address, or a skip (a failure under {@code CI=true}) saying what is missing: never a test
   * that passes without checking anything.
   */
  public static InetAddress require() {
    Optional<InetAddress> other = find();
    MachineRequirement.require(other.isPresent(), NEED);
    return other.orElseThrow();
  }

  /**
   * The first up, non-loopback, non-link-local IPv4 address of this machine; else 127.0.0.2 where
   * it can be bound (Linux); else none (macOS without a network).
   */
  public static Optional<InetAddress> find() {
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
            return Optional.of(a);
          }
        }
      }
    } catch (SocketException e) {
      // no interface list: try the second loopback address
    }
    try (ServerSocket probe = new ServerSocket()) {
      InetAddress second = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
      probe.bind(new InetSocketAddress(second, 0));
      return Optional.of(second);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
