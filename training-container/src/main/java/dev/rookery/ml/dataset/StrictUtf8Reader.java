package dev.rookery.ml.dataset;

import dev.rookery.ml.exceptions.DatasetException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Decodes UTF-8 strictly, counting lines as it goes so that an invalid byte is reported with its
 * line (an {@link java.io.InputStreamReader} would only say "malformed input" with no position).
 * Drops a leading byte-order mark.
 */
final class StrictUtf8Reader extends Reader {
  private final InputStream in;
  private final Path file;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
  private long line = 1;
  private boolean eof;
  private boolean flushed;
  private boolean start = true;

  StrictUtf8Reader(InputStream in, Path file) {
    this.in = in;
    this.file = file;
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    CharBuffer out = CharBuffer.wrap(buf, off, len);
    while (true) {
      int before = bytes.position();
      CoderResult result = decoder.decode(bytes, out, eof);
      countLines(before, bytes.position());
      if (result.isError()) {
        int bad = bytes.get(bytes.position()) & 0xff;
        throw new DatasetException(
            file, line, null, String.format("invalid UTF-8 byte 0x%02X (the file must be UTF-8)", bad));
      }
      if (start && out.position() > off) {
        start = false;
        if (buf[off] == '\uFEFF') {
          System.arraycopy(buf, off + 1, buf, off, out.position() - off - 1);
          out.position(out.position() - 1);
        }
      }
      int produced = out.position() - off;
      if (produced > 0) {
        return produced;
      }
      if (result.isUnderflow()) {
        if (eof) {
          if (!flushed) {
            flushed = true;
            decoder.flush(out);
            if (out.position() > off) {
              return out.position() - off;
            }
          }
          return -1;
        }
        fill();
      }
    }
  }

  private void countLines(int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes.get(i) == '\n') {
        line++;
      }
    }
  }

  private void fill() throws IOException {
    bytes.compact();
    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (n < 0) {
      eof = true;
    } else {
      bytes.position(bytes.position() + n);
    }
    bytes.flip();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
