package dev.rookery.ml.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Minimal ustar tar.gz for flat model directories: writes regular files (sorted, mtime 0, so the
 * same files give the same bytes) and reads regular files, skipping directories and pax / GNU
 * headers and stripping a leading {@code ./} (SageMaker's own {@code model.tar.gz} has them).
 */
public final class TarGz {
  private static final int BLOCK = 512;

  private TarGz() {}

  /** Writes every regular file directly in {@code dir} to {@code file}. */
  public static void pack(Path dir, Path file) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(Files::isRegularFile).sorted().toList();
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (Path f : files) {
        byte[] content = Files.readAllBytes(f);
        out.write(header(f.getFileName().toString(), content.length));
        out.write(content);
        int pad = (BLOCK - content.length % BLOCK) % BLOCK;
        out.write(new byte[pad]);
      }
      out.write(new byte[BLOCK * 2]);
    }
  }

  /** Reads every regular file of a tar.gz into memory, by base name. */
  public static Map<String, byte[]> unpack(InputStream in) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (InputStream gz = new GZIPInputStream(in, 1 << 16)) {
      byte[] header = new byte[BLOCK];
      String longName = null;
      while (readFully(gz, header)) {
        if (isZero(header)) {
          break;
        }
        String name = text(header, 0, 100);
        String prefix = text(header, 345, 155);
        if (!prefix.isEmpty()) {
          name = prefix + "/" + name;
        }
        long size = Long.parseLong(text(header, 124, 12).strip().isEmpty() ? "0" : text(header, 124, 12).strip(), 8);
        char type = (char) header[156];
        byte[] content = new byte[Math.toIntExact(size)];
        if (content.length > 0 && !readFully(gz, content)) {
          throw new IOException("truncated tar entry '" + name + "'");
        }
        long pad = (BLOCK - size % BLOCK) % BLOCK;
        gz.readNBytes((int) pad);
        if (type == 'L') { // GNU long name: the next entry's name
          longName = new String(content, StandardCharsets.UTF_8).replace("\0", "");
          continue;
        }
        if (longName != null) {
          name = longName;
          longName = null;
        }
        if (type == '0' || type == '\0') {
          String base = name.startsWith("./") ? name.substring(2) : name;
          files.put(base, content);
        }
      }
    }
    return files;
  }

  private static byte[] header(String name, long size) {
    byte[] h = new byte[BLOCK];
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    if (n.length > 100) {
      throw new IllegalArgumentException("tar entry name longer than 100 bytes: " + name);
    }
    System.arraycopy(n, 0, h, 0, n.length);
    put(h, 100, "0000644");
    put(h, 108, "0000000");
    put(h, 116, "0000000");
    put(h, 124, String.format("%011o", size));
    put(h, 136, "00000000000");
    h[156] = '0';
    put(h, 257, "ustar");
    h[263] = '0';
    h[264] = '0';
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o", sum));
    h[154] = 0;
    h[155] = ' ';
    return h;
  }

  private static void put(byte[] h, int at, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, at, b.length);
  }

  private static String text(byte[] h, int at, int len) {
    int end = at;
    while (end < at + len && h[end] != 0) {
      end++;
    }
    return new String(h, at, end - at, StandardCharsets.UTF_8);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean readFully(InputStream in, byte[] buf) throws IOException {
    int n = in.readNBytes(buf, 0, buf.length);
    if (n == 0) {
      return false;
    }
    if (n < buf.length) {
      throw new IOException("truncated tar stream");
    }
    return true;
  }

  /** Reads a whole stream (used for in-memory entries). */
  static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }
}
