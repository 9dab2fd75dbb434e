package dev.rookery.functions.testutils;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The AWS calls the functions make in the tests, as {@code <sdk service>:<Operation>} (the SDK's
 * own service package and operation name, e.g. {@code sagemaker:CreateModelPackage}) by function
 * package ({@code trigger}, {@code register}, ...). The function is the innermost frame of the
 * calling thread in one of the function packages, so a shared helper ({@code common.SnsNotifier})
 * counts for the function that called it. The CDK app's policy test reads the committed manifest
 * of these ({@code aws-calls.json}).
 */
public final class AwsCallRecorder {
  /** The packages of the Lambda functions (each one handler). */
  public static final Set<String> FUNCTIONS =
      Set.of("trigger", "register", "deploy", "approval", "metrics", "failure", "retrain");

  private static final Pattern SERVICE =
      Pattern.compile("software\\.amazon\\.awssdk\\.services\\.([a-z0-9]+)\\.model\\..*");
  private static final Pattern FUNCTION_FRAME =
      Pattern.compile("dev\\.rookery\\.functions\\.([a-z]+)\\..*");
  private static final Map<String, Set<String>> CALLS = new TreeMap<>();

  /** Records each call before it is sent. */
  static final ExecutionInterceptor INTERCEPTOR = new ExecutionInterceptor() {
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      Matcher service = SERVICE.matcher(context.request().getClass().getName());
      if (!service.matches()) {
        throw new IllegalStateException("not an SDK service request: " + context.request());
      }
      record(function(), service.group(1) + ":"
          + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }
  };

  private AwsCallRecorder() {}

  private static String function() {
    for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
      Matcher m = FUNCTION_FRAME.matcher(frame.getClassName());
      if (m.matches() && FUNCTIONS.contains(m.group(1))) {
        return m.group(1);
      }
    }
    return "(no function)";
  }

  private static synchronized void record(String function, String call) {
    CALLS.computeIfAbsent(function, k -> new TreeSet<>()).add(call);
  }

  /** @return the calls recorded so far, by function, sorted */
  public static synchronized Map<String, Set<String>> calls() {
    Map<String, Set<String>> copy = new TreeMap<>();
    CALLS.forEach((k, v) -> copy.put(k, new TreeSet<>(v)));
    return copy;
  }

  /** Forgets what was recorded. */
  public static synchronized void clear() {
    CALLS.clear();
  }
}
