package dev.rookery.serve;

import dev.rookery.testutils.FakeRecordPredictor;
import java.util.TreeMap;

/**
 * Run in a fresh JVM by {@link InferenceServerTest}: prints every system property after starting
 * and stopping a server, as {@code name=value} lines, before ({@code before}) and after ({@code
 * after}) it, so the test sees whether the server class set any (a static initializer runs once per
 * JVM: only a fresh JVM shows it).
 */
final class ServerStartProbe {
  private ServerStartProbe() {}

  public static void main(String[] args) {
    TreeMap<String, String> before = snapshot();
    try (InferenceServer server = InferenceServer.start(
        ServerConfig.loopback(new FakeRecordPredictor(), 0, "local-endpoint", "AllTraffic", null))) {
      server.port();
    }
    TreeMap<String, String> after = snapshot();
    after.forEach((k, v) -> {
      if (!v.equals(before.get(k))) {
        System.out.println("set " + k + "=" + v);
      }
    });
    System.out.println("done");
  }

  private static TreeMap<String, String> snapshot() {
    TreeMap<String, String> map = new TreeMap<>();
    for (String name : System.getProperties().stringPropertyNames()) {
      map.put(name, System.getProperty(name));
    }
    return map;
  }
}
