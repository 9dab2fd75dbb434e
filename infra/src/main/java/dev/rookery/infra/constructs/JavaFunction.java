package dev.rookery.infra.constructs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * One Rookery Lambda (a handler of the {@code functions} jar): the newest Java runtime this CDK
 * knows, SnapStart on published versions and every caller going through the {@code live} alias
 * (SnapStart does not apply to {@code $LATEST}), JSON logs into its own log group, C1-only JIT
 * for a faster start, X-Ray active tracing, Powertools' service name, metrics namespace and log
 * level in the environment. Its role starts with nothing but writing that log group; callers add the
 * rest with {@code grant*}.
 */
public final class JavaFunction extends Construct {
  /** The runtime: the newest Java that aws-cdk-lib 2.263.0 knows. */
  public static final Runtime RUNTIME = Runtime.JAVA_25;
  /** The alias every caller invokes. */
  public static final String ALIAS_NAME = "live";
  /** Start-up flags: C1 only, measured 1.31 s to 1.10 s to first return (toolchain notes). */
  public static final String JAVA_TOOL_OPTIONS = "-XX:TieredStopAtLevel=1";
  /** Powertools' log level variable; the environment sets it per stage (cdk.json {@code logLevel}). */
  public static final String LOG_LEVEL_VARIABLE = "POWERTOOLS_LOG_LEVEL";
  /** Powertools' service name: the {@code service} of every log line and the metrics' dimension. */
  public static final String SERVICE_NAME = "rookery";
  /** The CloudWatch namespace of the functions' EMF business metrics. */
  public static final String METRICS_NAMESPACE = "Rookery";

  private static final Pattern HANDLER =
      Pattern.compile("dev\\.rookery\\.functions\\.[a-z]+\\.[A-Z][A-Za-z]*Handler");

  private final Role role;
  private final LogGroup logGroup;
  private final Function function;
  private final Alias alias;

  /**
   * @param functionName the Lambda function name
   * @param handlerClass the handler's fully-qualified class ({@code dev.rookery.functions.*Handler})
   * @param code the {@code functions} jar (tests pass a fixture directory)
   * @param environment the function's environment; {@code JAVA_TOOL_OPTIONS} is added
   * @param description what the function does
   * @param sizing memory and timeout
   */
  public record Props(String functionName, String handlerClass, Code code,
      Map<String, String> environment, String description, Sizing sizing) {
    /** Checks every field. */
    public Props {
      Objects.requireNonNull(functionName, "functionName");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(sizing, "sizing");
      if (handlerClass == null || !HANDLER.matcher(handlerClass).matches()) {
        throw new IllegalArgumentException(
            "handlerClass must match " + HANDLER + ", found '" + handlerClass + "'");
      }
      environment = Map.copyOf(environment);
      if (environment.containsKey("JAVA_TOOL_OPTIONS")) {
        throw new IllegalArgumentException("environment must not set JAVA_TOOL_OPTIONS, found "
            + environment.get("JAVA_TOOL_OPTIONS"));
      }
      description = description == null ? "" : description;
    }
  }

  /**
   * @param memoryMb memory, 1024 or more (a JVM with the SDK needs it to start quickly)
   * @param timeout the function timeout
   */
  public record Sizing(int memoryMb, Duration timeout) {
    /** Checks the memory's range. */
    public Sizing {
      Objects.requireNonNull(timeout, "timeout");
      if (memoryMb < 1024 || memoryMb > 10240) {
        throw new IllegalArgumentException("memoryMb must be 1024 to 10240, found " + memoryMb);
      }
    }
  }

  /**
   * @param scope parent
   * @param id construct id
   * @param props settings
   */
  public JavaFunction(Construct scope, String id, Props props) {
    super(scope, id);
    logGroup = LogGroups.create(this, "/aws/lambda/" + props.functionName());
    role = Role.Builder.create(this, "Role")
        .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
        .description("Rookery function " + props.functionName())
        .build();
    logGroup.grantWrite(role);
    Map<String, String> environment = new LinkedHashMap<>(props.environment());
    environment.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
    environment.put("POWERTOOLS_SERVICE_NAME", SERVICE_NAME);
    environment.put("POWERTOOLS_METRICS_NAMESPACE", METRICS_NAMESPACE);
    String logLevel = environment.getOrDefault(LOG_LEVEL_VARIABLE, "INFO");
    environment.put(LOG_LEVEL_VARIABLE, logLevel);
    function = Function.Builder.create(this, "Function")
        .functionName(props.functionName())
        .description(props.description())
        .runtime(RUNTIME)
        .architecture(Architecture.X86_64)
        .handler(props.handlerClass() + "::handleRequest")
        .code(props.code())
        .memorySize(props.sizing().memoryMb())
        .timeout(props.sizing().timeout())
        .environment(environment)
        .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
        .loggingFormat(LoggingFormat.JSON)
        // Lambda's own filter at the same level, so Powertools' lines are not dropped (or warned of).
        .applicationLogLevelV2(ApplicationLogLevel.valueOf(logLevel))
        .tracing(Tracing.ACTIVE)
        .logGroup(logGroup)
        .role(role)
        .build();
    // Tracing.ACTIVE adds xray:PutTraceSegments and xray:PutTelemetryRecords on "*" to the role.
    Nag.suppress(role, "AwsSolutions-IAM5", "X-Ray's PutTraceSegments and PutTelemetryRecords have"
        + " no resource-level permissions (Service Authorization Reference, AWS X-Ray): active"
        + " tracing needs them on *.", "Resource::*");
    // CDK warns about SnapStart on every function; the alias below publishes the version it needs.
    Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
        "Invoked only through the live alias on the current published version");
    alias = Alias.Builder.create(this, "Alias")
        .aliasName(ALIAS_NAME)
        .version(function.getCurrentVersion())
        .build();
  }

  /** @return the function ({@code $LATEST}); invoke {@link #getAlias()} instead */
  public Function getFunction() {
    return function;
  }

  /** @return the {@code live} alias on the current published version */
  public IFunction getAlias() {
    return alias;
  }

  /** @return the function's role */
  public IRole getRole() {
    return role;
  }

  /** @return the function's log group */
  public LogGroup getLogGroup() {
    return logGroup;
  }
}
