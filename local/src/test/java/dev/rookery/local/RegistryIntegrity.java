package dev.rookery.local;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** SQLite's own verdict on a registry file, for the tests that stop or race writers. */
final class RegistryIntegrity {
  private RegistryIntegrity() {}

  /** {@code PRAGMA integrity_check}: "ok", or the first problem SQLite finds. */
  static String check(Path registryDb) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + registryDb);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
