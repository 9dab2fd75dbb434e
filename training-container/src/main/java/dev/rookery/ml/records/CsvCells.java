package dev.rookery.ml.records;

/**
 * The one reading of an RFC 4180 quoted CSV value, shared by the request decoder and the monitor's
 * reading of captured CSV predictions: from the opening {@code "} to the closing one, a doubled
 * {@code ""} standing for one quote.
 */
public final class CsvCells {
  private CsvCells() {}

  /**
   * Reads one quoted value.
   *
   * @param text the CSV text
   * @param quote index of the opening {@code "}
   * @param cell receives the value, quotes undoubled
   * @return the index just after the closing {@code "}, or -1 when the text ends inside the value
   */
  public static int readQuoted(CharSequence text, int quote, StringBuilder cell) {
    int n = text.length();
    int pos = quote + 1;
    while (pos < n) {
      char c = text.charAt(pos++);
      if (c != '"') {
        cell.append(c);
      } else if (pos < n && text.charAt(pos) == '"') {
        cell.append('"');
        pos++;
      } else {
        return pos;
      }
    }
    return -1;
  }
}
