package dev.rookery.build;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Build step (run by the module POM after shading): drops the SageMaker SDK model classes the
 * handlers cannot reach, which takes the shaded jar from ~29 MB to under 20 MB.
 *
 * <p>Why it is needed: {@code DefaultSageMakerClient} references every one of SageMaker's ~380
 * operations, so class-level minimisation (the shade plugin's {@code minimizeJar}) keeps all ~6,600
 * model classes (10.8 MB compressed). This step treats the client classes specially: it keeps them
 * but does not follow their references; it keeps every top-level {@code *Request} and
 * {@code *Response} class (the bytecode verifier loads the request classes when it links
 * {@code DefaultSageMakerClient}, and nothing more); every {@code *Exception} (error unmarshalling
 * of any operation); and the full class-reference closure of the operations the handlers call.
 * Those operations are read from the handlers' own bytecode (method references to
 * {@code SageMakerClient}), so a new call in the code is picked up without editing a list.
 *
 * <p>References are found by scanning every constant-pool UTF-8 string (class entries, descriptors,
 * generic signatures) for the service's package: an over-approximation, so nothing reachable is
 * dropped. {@code LocalInvokeIT} runs every handler from the result.
 *
 * <p>Usage: {@code JarShrinker <jar> <service package, e.g. software/amazon/awssdk/services/sagemaker>
 * <client interface simple name, e.g. SageMakerClient> <our package, e.g. dev/rookery/>}
 */
public final class JarShrinker {
  private static final List<String> PRUNABLE = List.of("model/", "transform/", "paginators/", "waiters/");

  private JarShrinker() {}

  /**
   * @param args jar, service package, client interface simple name, our package prefix
   * @throws IOException on read or write failure
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      throw new IllegalArgumentException("usage: JarShrinker <jar> <service package> <client> <our package>");
    }
    Path jar = Path.of(args[0]);
    Result result = shrink(jar, args[1], args[2], args[3]);
    System.out.printf(Locale.ROOT, "[JarShrinker] %s: operations %s; kept %d of %d prunable classes;"
        + " %d -> %d bytes%n", jar.getFileName(), result.operations(), result.kept(), result.prunable(),
        result.sizeBefore(), result.sizeAfter());
  }

  /**
   * What a run did.
   *
   * @param operations SageMaker operations found in our bytecode
   * @param prunable classes that could be dropped
   * @param kept of those, the ones kept
   * @param sizeBefore jar size before
   * @param sizeAfter jar size after
   */
  public record Result(Set<String> operations, int prunable, int kept, long sizeBefore, long sizeAfter) {}

  /**
   * Rewrites {@code jar} in place.
   *
   * @return what was done
   * @throws IOException on read or write failure
   */
  public static Result shrink(Path jar, String servicePackage, String clientInterface, String ourPackage)
      throws IOException {
    String service = servicePackage.endsWith("/") ? servicePackage : servicePackage + "/";
    Map<String, byte[]> entries = new LinkedHashMap<>();
    Map<String, Long> times = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.put(entry.getName(), in.readAllBytes());
        times.put(entry.getName(), entry.getTime());
      }
    }
    Set<String> prunable = new HashSet<>();
    for (String name : entries.keySet()) {
      if (name.startsWith(service) && name.endsWith(".class")
          && PRUNABLE.stream().anyMatch(p -> name.startsWith(service + p))) {
        prunable.add(name);
      }
    }
    String clientClass = service + clientInterface;
    Set<String> operations = operations(entries, ourPackage, clientClass);
    Set<String> notFollowed = new HashSet<>();
    for (String name : entries.keySet()) {
      String simple = name.substring(name.lastIndexOf('/') + 1);
      boolean client = name.startsWith(service) && !name.substring(service.length()).contains("/")
          && simple.contains("Client") && !simple.contains("Builder") && !simple.contains("Configuration");
      if (client) {
        notFollowed.add(name);
      }
      if (name.startsWith(service + "model/") && !simple.contains("$")
          && (simple.endsWith("Request.class") || simple.endsWith("Response.class"))) {
        notFollowed.add(name);
      }
    }
    Deque<String> queue = new ArrayDeque<>();
    for (String name : entries.keySet()) {
      if (!name.endsWith(".class") || notFollowed.contains(name)) {
        continue;
      }
      String simple = name.substring(name.lastIndexOf('/') + 1);
      boolean exception = name.startsWith(service + "model/") && simple.split("\\$")[0].endsWith("Exception.class")
          || name.startsWith(service + "model/") && simple.contains("Exception$");
      if (!prunable.contains(name) || exception) {
        queue.add(name);
      }
    }
    for (String op : operations) {
      for (String root : List.of("model/" + op + "Request.class", "model/" + op + "Response.class",
          "transform/" + op + "RequestMarshaller.class")) {
        if (!entries.containsKey(service + root)) {
          throw new IllegalStateException("operation " + op + " has no " + service + root);
        }
        queue.add(service + root);
      }
    }
    Pattern reference = Pattern.compile(Pattern.quote(service) + "[A-Za-z0-9_$/]+");
    Set<String> reached = new HashSet<>();
    while (!queue.isEmpty()) {
      String name = queue.poll();
      if (!reached.add(name)) {
        continue;
      }
      for (String utf8 : utf8Constants(entries.get(name))) {
        Matcher m = reference.matcher(utf8);
        while (m.find()) {
          String target = m.group() + ".class";
          if (entries.containsKey(target) && !reached.contains(target) && !notFollowed.contains(target)) {
            queue.add(target);
          }
        }
      }
    }
    int kept = 0;
    long before = Files.size(jar);
    Path tmp = Files.createTempFile(jar.getParent(), "shrink", ".jar");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
      out.setLevel(Deflater.BEST_COMPRESSION);
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        String name = entry.getKey();
        if (prunable.contains(name)) {
          if (!reached.contains(name) && !notFollowed.contains(name)) {
            continue;
          }
          kept++;
        }
        ZipEntry zip = new ZipEntry(name);
        zip.setTime(times.get(name));
        out.putNextEntry(zip);
        out.write(entry.getValue());
        out.closeEntry();
      }
    }
    try {
      Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(jar));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the temp file's defaults will do.
    }
    Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
    return new Result(operations, prunable.size(), kept, before, Files.size(jar));
  }

  /** The client interface's methods our classes call, as operation names ({@code createModel} -> CreateModel). */
  static Set<String> operations(Map<String, byte[]> entries, String ourPackage, String clientClass)
      throws IOException {
    Set<String> operations = new TreeSet<>();
    for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
      if (entry.getKey().startsWith(ourPackage) && entry.getKey().endsWith(".class")) {
        for (String method : methodsCalledOn(entry.getValue(), clientClass)) {
          if (!method.equals("builder") && !method.equals("close") && !method.equals("create")) {
            operations.add(operation(method));
          }
        }
      }
    }
    return operations;
  }

  /**
   * The API operation a client method sends: {@code createModel} -> CreateModel; the SDK's
   * convenience forms send the operation they wrap ({@code getObjectAsBytes} -> GetObject,
   * {@code listObjectsV2Paginator} -> ListObjectsV2), and have no request class of their own.
   */
  static String operation(String clientMethod) {
    String name = clientMethod;
    for (String convenience : List.of("AsBytes", "Paginator")) {
      if (name.endsWith(convenience)) {
        name = name.substring(0, name.length() - convenience.length());
      }
    }
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** All CONSTANT_Utf8 strings of a class file. */
  static List<String> utf8Constants(byte[] classFile) throws IOException {
    List<String> strings = new ArrayList<>();
    forEachConstant(classFile, (tag, data, pool) -> {
      if (tag == 1) {
        strings.add((String) data);
      }
    });
    return strings;
  }

  /** Names of methods referenced on {@code owner} (Methodref / InterfaceMethodref). */
  static List<String> methodsCalledOn(byte[] classFile, String owner) throws IOException {
    List<String> names = new ArrayList<>();
    List<int[]> refs = new ArrayList<>();
    Object[][] poolHolder = new Object[1][];
    forEachConstant(classFile, (tag, data, pool) -> {
      poolHolder[0] = pool;
      if (tag == 10 || tag == 11) {
        refs.add((int[]) data);
      }
    });
    Object[] pool = poolHolder[0];
    if (pool == null) {
      return names;
    }
    for (int[] ref : refs) {
      String className = (String) pool[(Integer) pool[ref[0]]];
      if (className.equals(owner)) {
        int[] nameAndType = (int[]) pool[ref[1]];
        names.add((String) pool[nameAndType[0]]);
      }
    }
    return names;
  }

  private interface ConstantVisitor {
    void visit(int tag, Object data, Object[] pool);
  }

  /**
   * Walks a class file's constant pool (JVMS 4.4). Utf8 entries carry their text, Class entries the
   * index of their name, Methodref/InterfaceMethodref/NameAndType an int pair; the pool array is
   * complete only once the walk ends, so visitors resolve indexes afterwards.
   */
  private static void forEachConstant(byte[] classFile, ConstantVisitor visitor) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    Object[] pool = new Object[count];
    List<Object[]> visits = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> {
          pool[i] = in.readUTF();
          visits.add(new Object[] {tag, pool[i]});
        }
        case 7, 8, 16, 19, 20 -> {
          pool[i] = in.readUnsignedShort();
          visits.add(new Object[] {tag, pool[i]});
        }
        case 3, 4 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++;
        }
        case 9, 10, 11, 12, 17, 18 -> {
          pool[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
          visits.add(new Object[] {tag, pool[i]});
        }
        case 15 -> {
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        default -> throw new IOException("unknown constant tag " + tag + " at " + i);
      }
    }
    for (Object[] visit : visits) {
      visitor.visit((Integer) visit[0], visit[1], pool);
    }
  }
}
