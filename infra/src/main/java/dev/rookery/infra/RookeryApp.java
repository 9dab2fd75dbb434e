package dev.rookery.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app ({@code cdk.json} runs {@code java -jar infra/target/rookery-infra.jar} from the
 * repository root): one {@link RookeryStack} per environment in {@code context.environments}, or
 * only {@code -c env=<name>}, checked by cdk-nag's {@code AwsSolutions} pack.
 */
public final class RookeryApp {
  /** The context key ({@code -c notificationEmail=...}) that sets every environment's address. */
  public static final String NOTIFICATION_EMAIL = "notificationEmail";

  private static final ObjectMapper JSON = new ObjectMapper();

  private RookeryApp() {}

  /**
   * Synthesises the app.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    App app = new App();
    try {
      build(app, AppSources.fromRepository(repositoryRoot(Path.of("").toAbsolutePath())));
    } catch (InvalidConfigurationException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
    app.synth();
  }

  /**
   * Adds the selected environments' stacks to the app, and the cdk-nag checks.
   *
   * @param app the app, with {@code cdk.json} context
   * @param sources what the stacks are built from
   * @return the stacks, in declaration order
   * @throws InvalidConfigurationException listing every configuration problem
   */
  public static List<RookeryStack> build(App app, AppSources sources) {
    JsonNode environments = JSON.valueToTree(app.getNode().tryGetContext("environments"));
    Object email = app.getNode().tryGetContext(NOTIFICATION_EMAIL);
    if (email != null && environments != null && environments.isObject()) {
      // -c notificationEmail=... wins over cdk.json, for every environment of this run.
      environments.forEach(env -> {
        if (env.isObject()) {
          ((ObjectNode) env).put(NOTIFICATION_EMAIL, email.toString());
        }
      });
    }
    Object selected = app.getNode().tryGetContext("env");
    List<RookeryStack> stacks = new ArrayList<>();
    for (EnvironmentConfig env :
        Environments.select(environments, selected == null ? null : selected.toString(),
            sources.pipelineSettings())) {
      stacks.add(new RookeryStack(app, env.stackName(), StackProps.builder()
          .stackName(env.stackName())
          .description("Rookery MLOps pipeline, " + env.name() + " environment")
          .env(awsEnvironment(env))
          .build(), new RookeryStack.Props(env, sources)));
    }
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    return stacks;
  }

  /** The configured account and region, else the CLI's defaults, else environment-agnostic. */
  private static Environment awsEnvironment(EnvironmentConfig env) {
    String account = env.placement().account().isEmpty() ? System.getenv("CDK_DEFAULT_ACCOUNT") : env.placement().account();
    String region = env.placement().region().isEmpty() ? System.getenv("CDK_DEFAULT_REGION") : env.placement().region();
    return Environment.builder().account(account).region(region).build();
  }

  /** The nearest folder upwards holding {@code cdk.json}. */
  static Path repositoryRoot(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("cdk.json"))) {
        return dir;
      }
    }
    throw new InvalidConfigurationException(
        List.of("no cdk.json in " + start + " or above: run the app from the repository"));
  }
}
