package dev.rookery.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTest {
  @TempDir Path dir;

  static ModelVersion.Registration registration(String runId, double testAccuracy) {
    return new ModelVersion.Registration(
        runId,
        Path.of("/tmp/runs", runId),
        new ModelVersion.Lineage("/data/penguins.csv", "a".repeat(64), "species"),
        Map.of("train", 0.99, "validation", 0.98, "test", testAccuracy),
        Map.of("algorithm", "logistic", "epochs", "10"));
  }

  @Test
  void register_firstVersions_numbersFromOneAndRoundTripsEveryField() {
    // given
    try (Registry registry = Registry.open(dir.resolve("registry.db"))) {
      // when
      ModelVersion first = registry.register(registration("run-a", 0.97), ApprovalStatus.Approved);
      ModelVersion second = registry.register(registration("run-b", 0.95), ApprovalStatus.PendingManualApproval);

      // then
      assertThat(first.version()).isEqualTo(1);
      assertThat(second.version()).isEqualTo(2);
      ModelVersion read = registry.get(2);
      assertThat(read.status()).isEqualTo(ApprovalStatus.PendingManualApproval);
      assertThat(read.registration()).isEqualTo(registration("run-b", 0.95));
      assertThat(registry.latestApproved()).map(ModelVersion::version).contains(1);
    }
  }

  @Test
  void register_sameRunTwice_failsAndRecordsNothing() {
    // given
    try (Registry registry = Registry.open(dir.resolve("registry.db"))) {
      registry.register(registration("run-a", 0.97), ApprovalStatus.Approved);

      // when / then
      assertThatThrownBy(() -> registry.register(registration("run-a", 0.99), ApprovalStatus.Approved))
          .isInstanceOf(CommandFailedException.class)
          .hasMessageContaining("UNIQUE");
      assertThat(registry.list()).hasSize(1);
      assertThat(registry.register(registration("run-c", 0.9), ApprovalStatus.Approved).version()).isEqualTo(2);
    }
  }

  @Test
  void register_concurrentWritersOnSeparateConnections_everyVersionDistinctAndNoneLost() throws Exception {
    // given
    Path db = dir.resolve("registry.db");
    Registry.open(db).close();
    int writers = 8;
    int perWriter = 5;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<Integer>>> futures = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int id = w;
      Callable<List<Integer>> task = () -> {
        start.await();
        List<Integer> versions = new ArrayList<>();
        for (int i = 0; i < perWriter; i++) {
          try (Registry registry = Registry.open(db)) {
            versions.add(registry.register(registration("run-" + id + "-" + i, 0.9), ApprovalStatus.Approved).version());
          }
        }
        return versions;
      };
      futures.add(pool.submit(task));
    }

    // when
    start.countDown();
    List<Integer> all = new ArrayList<>();
    for (Future<List<Integer>> f : futures) {
      all.addAll(f.get());
    }
    pool.shutdown();

    // then
    assertThat(all).doesNotHaveDuplicates().hasSize(writers * perWriter);
    try (Registry registry = Registry.open(db)) {
      assertThat(registry.list()).extracting(ModelVersion::version)
          .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, writers * perWriter).boxed().toList());
    }
  }

  @Test
  void setStatus_existingVersion_changesLatestApproved() {
    // given
    try (Registry registry = Registry.open(dir.resolve("registry.db"))) {
      registry.register(registration("run-a", 0.97), ApprovalStatus.Approved);
      registry.register(registration("run-b", 0.98), ApprovalStatus.PendingManualApproval);

      // when
      registry.setStatus(2, ApprovalStatus.Approved);
      registry.setStatus(1, ApprovalStatus.Rejected);

      // then
      assertThat(registry.latestApproved()).map(ModelVersion::version).contains(2);
      assertThat(registry.get(1).status()).isEqualTo(ApprovalStatus.Rejected);
    }
  }

  @Test
  void setStatus_unknownVersion_failsNamingTheVersion() {
    // given
    try (Registry registry = Registry.open(dir.resolve("registry.db"))) {
      registry.register(registration("run-a", 0.97), ApprovalStatus.Approved);

      // when / then
      assertThatThrownBy(() -> registry.setStatus(7, ApprovalStatus.Approved))
          .isInstanceOf(CommandFailedException.class)
          .hasMessageContaining("model version 7 does not exist")
          .hasMessageContaining("versions 1..1");
    }
  }

  @Test
  void open_notADatabase_failsNamingTheFile() throws Exception {
    // given
    Path bogus = dir.resolve("registry.db");
    java.nio.file.Files.writeString(bogus, "this is not sqlite, just some text that is long enough to look like a header..");

    // when / then
    assertThatThrownBy(() -> Registry.open(bogus))
        .isInstanceOf(CommandFailedException.class)
        .hasMessageContaining(bogus.toString());
  }

  @Test
  void open_registryOfSchemaVersion1_addsTheRunsTableAndKeepsEveryVersion() throws Exception {
    // given: a registry.db as rookery wrote it before run tracking (user_version 1, no runs table)
    Path db = dir.resolve("registry.db");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
        java.sql.Statement st = c.createStatement()) {
      st.execute("""
          CREATE TABLE model_versions (
            version INTEGER PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('Approved', 'PendingManualApproval', 'Rejected')),
            run_id TEXT NOT NULL UNIQUE, run_dir TEXT NOT NULL, data_path TEXT NOT NULL,
            data_sha256 TEXT NOT NULL CHECK (length(data_sha256) = 64), target TEXT NOT NULL,
            test_accuracy REAL NOT NULL CHECK (test_accuracy BETWEEN 0 AND 1),
            accuracy_json TEXT NOT NULL, hyperparameters_json TEXT NOT NULL)""");
      st.execute("INSERT INTO model_versions VALUES (1, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', 'Approved',"
          + " 'old-run', '/tmp/old-run', '/data/p.csv', '" + "b".repeat(64) + "', 'species', 0.97,"
          + " '{\"test\":0.97}', '{}')");
      st.execute("PRAGMA user_version = 1");
    }

    // when
    try (Registry registry = Registry.open(db)) {
      // then: the old version is still there, and runs can be indexed
      assertThat(registry.get(1).registration().runId()).isEqualTo("old-run");
      assertThat(registry.runs(new Registry.RunFilter(java.util.Optional.empty(), java.util.Optional.empty(), 10)))
          .isEmpty();
    }
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
        java.sql.ResultSet rs = c.createStatement().executeQuery("PRAGMA user_version")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(2);
    }
  }
}
