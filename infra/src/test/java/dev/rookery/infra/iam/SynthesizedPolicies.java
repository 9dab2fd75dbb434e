package dev.rookery.infra.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The IAM of a synthesized template, resolved ({@link TemplateResolver}): the identity statements
 * of each role (its {@code AWS::IAM::Policy} resources and inline policies), the topic policies
 * and the key policies, by the ARN of what they are attached to.
 */
public final class SynthesizedPolicies {
  private final JsonNode resources;
  private final Map<String, List<JsonNode>> identityByRoleId = new LinkedHashMap<>();
  private final Map<String, List<JsonNode>> topicPolicies = new LinkedHashMap<>();
  private final Map<String, List<JsonNode>> keyPolicies = new LinkedHashMap<>();
  private final Map<String, String> roleArns = new LinkedHashMap<>();

  /** @param template the template, as {@code Template.toJSON()} gives it */
  public SynthesizedPolicies(Map<String, Object> template) {
    TemplateResolver resolver = new TemplateResolver(template);
    resources = resolver.resolvedResources();
    resources.fields().forEachRemaining(e -> {
      String id = e.getKey();
      JsonNode r = e.getValue();
      JsonNode props = r.path("Properties");
      switch (r.path("Type").asText()) {
        case "AWS::IAM::Role" -> {
          roleArns.put(id, "arn:aws:iam::" + TemplateResolver.ACCOUNT + ":role/"
              + props.path("RoleName").asText(id.toLowerCase(java.util.Locale.ROOT)));
          props.path("Policies").forEach(p -> statementsOf(p.path("PolicyDocument"))
              .forEach(s -> identityByRoleId.computeIfAbsent(id, k -> new ArrayList<>()).add(s)));
          identityByRoleId.computeIfAbsent(id, k -> new ArrayList<>());
        }
        case "AWS::SNS::TopicPolicy" -> props.path("Topics").forEach(t ->
            topicPolicies.computeIfAbsent(t.asText(), k -> new ArrayList<>())
                .addAll(statementsOf(props.path("PolicyDocument"))));
        default -> { }
      }
    });
    resources.fields().forEachRemaining(e -> {
      JsonNode r = e.getValue();
      JsonNode props = r.path("Properties");
      if (r.path("Type").asText().equals("AWS::IAM::Policy")) {
        props.path("Roles").forEach(role -> {
          String roleId = roleIdByName(role.asText());
          identityByRoleId.computeIfAbsent(roleId, k -> new ArrayList<>())
              .addAll(statementsOf(props.path("PolicyDocument")));
        });
      } else if (r.path("Type").asText().equals("AWS::KMS::Key")) {
        keyPolicies.put("arn:aws:kms:" + TemplateResolver.REGION + ":" + TemplateResolver.ACCOUNT
            + ":key/" + e.getKey().toLowerCase(java.util.Locale.ROOT),
            statementsOf(props.path("KeyPolicy")));
      }
    });
  }

  private String roleIdByName(String name) {
    return roleArns.entrySet().stream().filter(e -> e.getValue().endsWith(":role/" + name))
        .map(Map.Entry::getKey).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no role named " + name));
  }

  private static List<JsonNode> statementsOf(JsonNode document) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode statements = document.path("Statement");
    if (statements.isArray()) {
      statements.forEach(out::add);
    } else if (statements.isObject()) {
      out.add(statements);
    }
    return out;
  }

  /** @return the resolved resources */
  public JsonNode resources() {
    return resources;
  }

  /** @return each role's identity statements, by logical id */
  public Map<String, List<JsonNode>> identityByRoleId() {
    return identityByRoleId;
  }

  /** @return the role's ARN */
  public String roleArn(String roleId) {
    return roleArns.get(roleId);
  }

  /** @return the statements of the topic's policy (empty if it has none) */
  public List<JsonNode> topicPolicy(String topicArn) {
    return topicPolicies.getOrDefault(topicArn, List.of());
  }

  /** @return the key's policy statements */
  public Optional<List<JsonNode>> keyPolicy(String keyArn) {
    return Optional.ofNullable(keyPolicies.get(keyArn));
  }

  /**
   * @param logicalId a resource with a {@code Role} property ({@code AWS::Lambda::Function},
   *     {@code AWS::StepFunctions::StateMachine} as {@code RoleArn})
   * @return the logical id of its role
   */
  public String roleIdOf(String logicalId) {
    JsonNode props = resources.path(logicalId).path("Properties");
    String arn = props.has("Role") ? props.get("Role").asText() : props.path("RoleArn").asText();
    return roleArns.entrySet().stream().filter(e -> e.getValue().equals(arn))
        .map(Map.Entry::getKey).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no role " + arn + " for " + logicalId));
  }
}
