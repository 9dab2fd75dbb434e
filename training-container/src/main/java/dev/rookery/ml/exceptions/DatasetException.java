package dev.rookery.ml.exceptions;

import java.nio.file.Path;

/**
 * A dataset that cannot be used: empty, malformed, wrong types, too few classes or rows. The
 * message names the file and, where there is one, the line (1-based, the header is line 1) and the
 * column.
 */
public class DatasetException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;
  private final long line;
  private final String column;

  /**
   * @param file the dataset file
   * @param line 1-based physical line, or 0 when the problem is not tied to one line
   * @param column the column name, or {@code null} when the problem is not tied to one column
   * @param problem what is wrong, naming the value
   */
  public DatasetException(Path file, long line, String column, String problem) {
    super(format(file, line, column, problem));
    this.file = file;
    this.line = line;
    this.column = column;
  }

  /** Same, with the low-level cause. */
  public DatasetException(Path file, long line, String column, String problem, Throwable cause) {
    super(format(file, line, column, problem), cause);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  private static String format(Path file, long line, String column, String problem) {
    StringBuilder sb = new StringBuilder("dataset ").append(file);
    if (line > 0) {
      sb.append(", line ").append(line);
    }
    if (column != null) {
      sb.append(", column '").append(column).append('\'');
    }
    return sb.append(": ").append(problem).toString();
  }

  /** The dataset file. */
  public Path file() {
    return file;
  }

  /** 1-based line, 0 when not tied to a line. */
  public long line() {
    return line;
  }

  /** Column name, or {@code null}. */
  public String column() {
    return column;
  }
}
