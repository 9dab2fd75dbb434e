package dev.rookery.testutils;

import dev.rookery.serve.ServeMode;

/** The serve mode over {@link FakeRecordPredictor}, for child-process tests that need no trained model. */
public final class FakeModelServeMain {
  private FakeModelServeMain() {}

  public static void main(String[] args) {
    long delay = Long.parseLong(System.getenv().getOrDefault("FAKE_PREDICT_DELAY_MS", "0"));
    System.exit(ServeMode.run(args, System.getenv(), dir -> new FakeRecordPredictor(delay)));
  }
}
