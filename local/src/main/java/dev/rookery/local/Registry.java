package dev.rookery.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import dev.rookery.runs.RunRecord;
import org.sqlite.SQLiteConfig;

/**
 * The local model registry: one SQLite file ({@code registry.db} in the state folder), one row per
 * model version.
 *
 * <p>Atomicity: a run writes every artefact into its own run folder first, then registers with a
 * single {@code INSERT} inside a {@code BEGIN IMMEDIATE} transaction that also picks the next
 * version number. A run that fails or is killed before that statement leaves no row; one killed
 * during it leaves a hot journal that SQLite rolls back on the next open. Two processes registering
 * at once serialise on the database's write lock (the busy timeout makes the second wait instead of
 * failing), so version numbers are never shared or skipped.
 *
 * <p>Not thread-safe: open one instance per thread or process ({@link #open(Path)}), close it
 * after use.
 */
public final class Registry implements AutoCloseable {
  /** How long a writer waits for another one before failing with "database is locked". */
  public static final int BUSY_TIMEOUT_MILLIS = 30_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  /** 1: model_versions; 2: and runs (run tracking, issue 16). */
  private static final int SCHEMA_VERSION = 2;

  private final Path file;
  private final Connection connection;

  private Registry(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /**
   * Opens (and creates if needed) the registry file.
   *
   * @throws CommandFailedException when the file cannot be opened or is not a Rookery registry
   */
  public static Registry open(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      SQLiteConfig config = new SQLiteConfig();
      config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
      config.enforceForeignKeys(true);
      Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
      Registry registry = new Registry(file, connection);
      registry.migrate();
      return registry;
    } catch (SQLException | java.io.IOException e) {
      throw new CommandFailedException(
          "cannot open the model registry " + file + ": " + e.getMessage()
              + " (move or delete the file, or use another --state-dir)", e);
    }
  }

  private void migrate() throws SQLException {
    // Only a new file needs the write lock: an up-to-date registry is opened with a read, so a
    // reader (list, the gate's lookup) never waits behind a registration in progress.
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      if (rs.next() && rs.getInt(1) == SCHEMA_VERSION) {
        return;
      }
    }
    inWriteTransaction(() -> {
      try (Statement st = connection.createStatement()) {
        st.execute("""
            CREATE TABLE IF NOT EXISTS model_versions (
              version              INTEGER PRIMARY KEY,
              created_at           TEXT    NOT NULL,
              updated_at           TEXT    NOT NULL,
              status               TEXT    NOT NULL
                CHECK (status IN ('Approved', 'PendingManualApproval', 'Rejected')),
              run_id               TEXT    NOT NULL UNIQUE,
              run_dir              TEXT    NOT NULL,
              data_path            TEXT    NOT NULL,
              data_sha256          TEXT    NOT NULL CHECK (length(data_sha256) = 64),
              target               TEXT    NOT NULL,
              test_accuracy        REAL    NOT NULL CHECK (test_accuracy BETWEEN 0 AND 1),
              accuracy_json        TEXT    NOT NULL,
              hyperparameters_json TEXT    NOT NULL
            )""");
        // One row per run, passed or rejected by the gate: the index of the run folders'
        // run.json (record_json is a copy, so list and compare read no file). A schema-1 registry
        // gains this table and keeps every version.
        st.execute("""
            CREATE TABLE IF NOT EXISTS runs (
              run_id         TEXT    PRIMARY KEY,
              started_at     TEXT    NOT NULL,
              ended_at       TEXT    NOT NULL,
              run_json_path  TEXT    NOT NULL,
              dataset_uri    TEXT    NOT NULL,
              dataset_sha256 TEXT    NOT NULL CHECK (length(dataset_sha256) = 64),
              test_accuracy  REAL    NOT NULL CHECK (test_accuracy BETWEEN 0 AND 1),
              gate_verdict   TEXT,
              model_version  INTEGER,
              record_json    TEXT    NOT NULL
            )""");
        st.execute("CREATE INDEX IF NOT EXISTS runs_by_start ON runs (started_at)");
        try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
          int version = rs.next() ? rs.getInt(1) : 0;
          if (version < SCHEMA_VERSION) {
            st.execute("PRAGMA user_version = " + SCHEMA_VERSION);
          } else if (version != SCHEMA_VERSION) {
            throw new CommandFailedException(
                "registry " + file + " has schema version " + version + ", this rookery reads "
                    + SCHEMA_VERSION + ": use a newer rookery or another --state-dir");
          }
        }
      }
      return null;
    });
  }

  /**
   * Registers a new model version; the version number is the next free one.
   *
   * @throws CommandFailedException when the run is already registered or the database fails; nothing
   *     is then recorded
   */
  public ModelVersion register(ModelVersion.Registration registration, ApprovalStatus status) {
    Instant now = Instant.now();
    int version = inWriteTransaction(() -> {
      int next;
      try (Statement st = connection.createStatement();
          ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions")) {
        rs.next();
        next = rs.getInt(1);
      }
      try (PreparedStatement ps = connection.prepareStatement("""
          INSERT INTO model_versions (version, created_at, updated_at, status, run_id, run_dir,
            data_path, data_sha256, target, test_accuracy, accuracy_json, hyperparameters_json)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
        ps.setInt(1, next);
        ps.setString(2, now.toString());
        ps.setString(3, now.toString());
        ps.setString(4, status.name());
        ps.setString(5, registration.runId());
        ps.setString(6, registration.runDir().toAbsolutePath().toString());
        ps.setString(7, registration.data().path());
        ps.setString(8, registration.data().sha256());
        ps.setString(9, registration.data().target());
        ps.setDouble(10, registration.testAccuracy());
        ps.setString(11, toJson(new TreeMap<>(registration.accuracy())));
        ps.setString(12, toJson(new TreeMap<>(registration.hyperparameters())));
        ps.executeUpdate();
      }
      return next;
    });
    return new ModelVersion(version, now, status, registration);
  }

  /** All versions, oldest first. */
  public List<ModelVersion> list() {
    return query("SELECT * FROM model_versions ORDER BY version", null);
  }

  /** The version with this number, if registered. */
  public Optional<ModelVersion> find(int version) {
    return query("SELECT * FROM model_versions WHERE version = ?", version).stream().findFirst();
  }

  /**
   * The version with this number.
   *
   * @throws CommandFailedException naming the version and what exists
   */
  public ModelVersion get(int version) {
    return find(version).orElseThrow(() -> new CommandFailedException(
        "model version " + version + " does not exist in " + file + " (" + describeVersions()
            + "): `rookery registry list` shows them"));
  }

  /** The newest Approved version, if any. */
  public Optional<ModelVersion> latestApproved() {
    return query(
            "SELECT * FROM model_versions WHERE status = 'Approved' ORDER BY version DESC LIMIT 1", null)
        .stream()
        .findFirst();
  }

  /**
   * Sets a version's status.
   *
   * @return the updated version
   * @throws CommandFailedException when the version does not exist
   */
  public ModelVersion setStatus(int version, ApprovalStatus status) {
    int updated = inWriteTransaction(() -> {
      try (PreparedStatement ps = connection.prepareStatement(
          "UPDATE model_versions SET status = ?, updated_at = ? WHERE version = ?")) {
        ps.setString(1, status.name());
        ps.setString(2, Instant.now().toString());
        ps.setInt(3, version);
        return ps.executeUpdate();
      }
    });
    if (updated == 0) {
      get(version); // throws with the list of versions
    }
    return get(version);
  }

  /**
   * Indexes a run's record (again, replacing the old row, when the run is recorded twice).
   *
   * @param record the run record
   * @param file where its {@code run.json} is
   */
  public void recordRun(RunRecord record, Path file) {
    inWriteTransaction(() -> {
      try (PreparedStatement ps = connection.prepareStatement("""
          INSERT OR REPLACE INTO runs (run_id, started_at, ended_at, run_json_path, dataset_uri, dataset_sha256,
            test_accuracy, gate_verdict, model_version, record_json)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
        ps.setString(1, record.runId());
        ps.setString(2, record.startedAt().toString());
        ps.setString(3, record.endedAt().toString());
        ps.setString(4, file.toAbsolutePath().toString());
        ps.setString(5, record.dataset().uri());
        ps.setString(6, record.dataset().sha256());
        ps.setDouble(7, record.testAccuracy());
        ps.setString(8, record.gate().map(RunRecord.Gate::verdict).orElse(null));
        ps.setObject(9, record.model().map(RunRecord.Model::version).orElse(null));
        ps.setString(10, record.toJson());
        return ps.executeUpdate();
      }
    });
  }

  /**
   * Which runs {@link #runs} returns.
   *
   * @param status only runs of this status ({@link IndexedRun#status})
   * @param since only runs started at or after this instant
   * @param limit at most this many, newest first
   */
  public record RunFilter(Optional<String> status, Optional<Instant> since, int limit) {}

  /**
   * An indexed run.
   *
   * @param record its record
   * @param file its {@code run.json}
   * @param status the registered version's status now ({@code Approved}, {@code PendingManualApproval},
   *     {@code Rejected}), else the gate's verdict ({@code BELOW_THRESHOLD}, {@code NOT_BETTER_THAN_APPROVED})
   */
  public record IndexedRun(RunRecord record, Path file, String status) {}

  /** The statuses a run can have, for {@code runs list --status}. */
  public static final List<String> RUN_STATUSES = List.of(
      "Approved", "PendingManualApproval", "Rejected", "BELOW_THRESHOLD", "NOT_BETTER_THAN_APPROVED");

  private static final String RUNS_SELECT = """
      SELECT r.run_json_path, r.record_json, COALESCE(m.status, r.gate_verdict, 'UNKNOWN') AS run_status
      FROM runs r LEFT JOIN model_versions m ON m.version = r.model_version""";

  /** Indexed runs, newest first. */
  public List<IndexedRun> runs(RunFilter filter) {
    StringBuilder sql = new StringBuilder(RUNS_SELECT).append(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    filter.status().ifPresent(s -> {
      sql.append(" AND COALESCE(m.status, r.gate_verdict, 'UNKNOWN') = ?");
      args.add(s);
    });
    filter.since().ifPresent(t -> {
      sql.append(" AND r.started_at >= ?");
      args.add(t.toString());
    });
    sql.append(" ORDER BY r.started_at DESC, r.run_id DESC LIMIT ?");
    args.add(filter.limit());
    return queryRuns(sql.toString(), args);
  }

  /**
   * The run with this id, or the only one whose id starts with it.
   *
   * @throws CommandFailedException naming the id, when no run or more than one matches
   */
  public IndexedRun run(String idOrPrefix) {
    List<IndexedRun> matches = queryRuns(RUNS_SELECT + " WHERE r.run_id = ? OR r.run_id LIKE ? ESCAPE '\\'"
        + " ORDER BY r.run_id = ? DESC, r.started_at", List.of(idOrPrefix,
        idOrPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", idOrPrefix));
    if (!matches.isEmpty() && matches.get(0).record().runId().equals(idOrPrefix)) {
      return matches.get(0);
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw new CommandFailedException("run " + idOrPrefix + " does not exist in " + file
          + ": `rookery runs list` shows the runs");
    }
    throw new CommandFailedException("run " + idOrPrefix + " is ambiguous, it starts "
        + matches.stream().map(r -> r.record().runId()).toList() + ": give more of the id");
  }

  /** The indexed run of this id, if any (a version registered before run tracking has none). */
  public Optional<IndexedRun> findRun(String runId) {
    return queryRuns(RUNS_SELECT + " WHERE r.run_id = ?", List.of(runId)).stream().findFirst();
  }

  private List<IndexedRun> queryRuns(String sql, List<Object> args) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      List<IndexedRun> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String path = rs.getString("run_json_path");
          RunRecord record;
          try {
            record = RunRecord.parse(rs.getString("record_json"), file + " runs row of " + path);
          } catch (IllegalArgumentException e) {
            throw new CommandFailedException("model registry holds a bad run record: " + e.getMessage(), e);
          }
          out.add(new IndexedRun(record, Path.of(path), rs.getString("run_status")));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new CommandFailedException("model registry " + file + ": " + e.getMessage(), e);
    }
  }

  /** The registry file. */
  public Path file() {
    return file;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new CommandFailedException("cannot close the model registry " + file + ": " + e.getMessage(), e);
    }
  }

  private String describeVersions() {
    List<ModelVersion> all = list();
    if (all.isEmpty()) {
      return "the registry is empty: `rookery run` registers the first version";
    }
    return "versions 1.." + all.get(all.size() - 1).version();
  }

  private interface SqlWork<T> {
    T run() throws SQLException;
  }

  /**
   * Runs the work in a BEGIN IMMEDIATE transaction: it takes the write lock up front, so two
   * writers never both read the same MAX(version) and a reader never sees half of the work.
   */
  private <T> T inWriteTransaction(SqlWork<T> work) {
    try (Statement st = connection.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
      boolean committed = false;
      try {
        T result = work.run();
        st.execute("COMMIT");
        committed = true;
        return result;
      } finally {
        if (!committed) {
          st.execute("ROLLBACK");
        }
      }
    } catch (SQLException e) {
      throw new CommandFailedException("model registry " + file + ": " + e.getMessage(), e);
    }
  }

  private List<ModelVersion> query(String sql, Integer version) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      if (version != null) {
        ps.setInt(1, version);
      }
      List<ModelVersion> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new CommandFailedException("model registry " + file + ": " + e.getMessage(), e);
    }
  }

  private static ModelVersion read(ResultSet rs) throws SQLException {
    ModelVersion.Registration registration = new ModelVersion.Registration(
        rs.getString("run_id"),
        Path.of(rs.getString("run_dir")),
        new ModelVersion.Lineage(rs.getString("data_path"), rs.getString("data_sha256"), rs.getString("target")),
        fromJson(rs.getString("accuracy_json"), new TypeReference<Map<String, Double>>() {}),
        fromJson(rs.getString("hyperparameters_json"), new TypeReference<Map<String, String>>() {}));
    return new ModelVersion(
        rs.getInt("version"),
        Instant.parse(rs.getString("created_at")),
        ApprovalStatus.parse(rs.getString("status")),
        registration);
  }

  private static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value, e);
    }
  }

  private static <T> T fromJson(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new CommandFailedException("model registry holds invalid JSON '" + json + "': " + e.getOriginalMessage(), e);
    }
  }
}
