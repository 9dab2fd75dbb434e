package dev.rookery.functions.common;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.MDC;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The one shape of every Rookery handler: read the event JSON, run the handler's step inside
 * Powertools logging (JSON lines on stdout carrying the Lambda context and the correlation id),
 * flush the business metrics it counted as one EMF document on stdout, write the result JSON.
 * Powertools' functional API, not its AspectJ annotations: no weaving, a smaller jar.
 *
 * <p>A handler is a subclass with only a public no-arg constructor, which the Lambda runtime calls:
 * {@code super(XHandler::wire, XHandler::handle)}. Its {@code wire} builds the service and its SDK
 * clients from the function's environment, here in the constructor, so once per container (the
 * init phase, which SnapStart snapshots). Its static {@code handle} turns the event into a service
 * call and the outcome into the result. Tests run that same {@code handle} on a service they built
 * (fakes, or SDK clients pointed at a local endpoint) through {@link #serving}, with no environment.
 *
 * @param <S> the service the handler calls
 */
public class JsonHandler<S> implements RequestStreamHandler {
  /** The log field (Powertools' own) and EMF property naming one upload's run. */
  public static final String CORRELATION_ID = "correlation_id";

  /** Namespace when {@code POWERTOOLS_METRICS_NAMESPACE} is unset (outside the stack). */
  public static final String DEFAULT_METRICS_NAMESPACE = "Rookery";

  static {
    // Lambda's EMF environment prints each document to stdout, which CloudWatch Logs turns into
    // metrics. Pinned so that outside Lambda (LocalInvoke, tests, the benchmark) the library does
    // not probe EC2/ECS metadata or send to a CloudWatch agent on 127.0.0.1:25888.
    EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Lambda);
    if (System.getenv("POWERTOOLS_METRICS_NAMESPACE") == null) {
      MetricsBuilder.builder().withNamespace(DEFAULT_METRICS_NAMESPACE).build();
    }
  }

  private final S service;
  private final Step<S> step;

  /**
   * The Lambda runtime's path, for a handler's public no-arg constructor.
   *
   * @param wiring builds the service from the function's environment ({@code System.getenv()})
   *     and the SDK client factory for its {@code AWS_REGION}
   * @param step the handler's work per event
   */
  protected JsonHandler(BiFunction<Environment, AwsClients, S> wiring, Step<S> step) {
    this(wire(wiring), step);
  }

  private JsonHandler(S service, Step<S> step) {
    this.service = service;
    this.step = step;
  }

  private static <S> S wire(BiFunction<Environment, AwsClients, S> wiring) {
    Environment env = new Environment(System.getenv());
    return wiring.apply(env, new AwsClients(env));
  }

  /**
   * The test path: a handler's step on a given service, with the same logging, metrics and JSON.
   *
   * @param service the service, with its collaborators
   * @param step the handler's step, e.g. {@code DeployHandler::handle}
   * @return a handler running {@code step} on {@code service}
   */
  public static <S> JsonHandler<S> serving(S service, Step<S> step) {
    return new JsonHandler<>(service, step);
  }

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context) {
    Invocation invocation = new Invocation(MetricsFactory.getMetricsInstance());
    Map<String, ?> result = PowertoolsLogging.withLogging(context, () -> {
      try {
        return step.handle(service, Json.read(input), invocation);
      } finally {
        invocation.flush();
      }
    });
    Json.write(output, result);
  }

  /**
   * One handler's work per event.
   *
   * @param <S> the service it calls
   */
  @FunctionalInterface
  public interface Step<S> {
    /**
     * @param service the service, with its collaborators
     * @param event the event or state input, as JSON maps
     * @param invocation where the handler names its correlation id and counts its metrics
     * @return the result, written as JSON
     */
    Map<String, ?> handle(S service, Map<String, Object> event, Invocation invocation);
  }

  /**
   * @param namesAndValues name, value, name, value...
   * @return a result object with the fields in this order (null values kept)
   */
  protected static Map<String, Object> result(Object... namesAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      out.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return out;
  }

  /** One invocation's correlation id and business metrics. */
  public static final class Invocation {
    private final Metrics metrics;
    private String correlationId;
    private boolean counted;

    Invocation(Metrics metrics) {
      this.metrics = metrics;
    }

    /**
     * Every later log line of this invocation, and its EMF document, carry {@code id}.
     *
     * @param id the run's correlation id (the pipeline execution name)
     */
    public void correlate(String id) {
      correlationId = id;
      MDC.put(CORRELATION_ID, id);
    }

    /** @param metric counted once (unit Count) */
    public void count(String metric) {
      metrics.addMetric(metric, 1, MetricUnit.COUNT);
      counted = true;
    }

    private void flush() {
      if (!counted) {
        return;
      }
      if (correlationId != null) {
        metrics.addMetadata(CORRELATION_ID, correlationId);
      }
      metrics.flush();
    }
  }
}
