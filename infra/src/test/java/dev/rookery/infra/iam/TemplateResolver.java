package dev.rookery.infra.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A synthesized CloudFormation template with its intrinsic functions resolved as CloudFormation
 * would in one account and region: {@code Ref} and {@code Fn::GetAtt} give the names and ARNs
 * each resource type documents as its return values (physical names from the properties where
 * the template sets them, else the logical id), and {@code Fn::Join}, {@code Fn::Sub},
 * {@code Fn::Select} and {@code Fn::Split} are computed. An intrinsic or attribute it does not
 * know throws, naming it.
 */
public final class TemplateResolver {
  /** The account the resolved template is deployed to. */
  public static final String ACCOUNT = "123456789012";
  /** The region. */
  public static final String REGION = "eu-west-1";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SUB = Pattern.compile("\\$\\{([^}!][^}]*)}");

  private final JsonNode resources;

  /** @param template the template, as {@code Template.toJSON()} gives it */
  public TemplateResolver(Map<String, Object> template) {
    this.resources = JSON.valueToTree(template).path("Resources");
  }

  /** @return every resource of the template, with its intrinsics resolved */
  public JsonNode resolvedResources() {
    return resolve(resources);
  }

  /**
   * @param node a template fragment
   * @return a copy with every intrinsic function replaced by its value
   */
  public JsonNode resolve(JsonNode node) {
    if (node.isObject() && node.size() == 1) {
      String fn = node.fieldNames().next();
      if (fn.equals("Ref") || fn.startsWith("Fn::")) {
        return new TextNode(intrinsic(fn, node.get(fn)));
      }
    }
    if (node.isObject()) {
      ObjectNode out = JSON.createObjectNode();
      node.fields().forEachRemaining(e -> out.set(e.getKey(), resolve(e.getValue())));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JSON.createArrayNode();
      node.forEach(n -> out.add(resolve(n)));
      return out;
    }
    return node;
  }

  private String text(JsonNode node) {
    JsonNode resolved = resolve(node);
    if (!resolved.isValueNode()) {
      throw new IllegalArgumentException("expected a string, found " + resolved);
    }
    return resolved.asText();
  }

  private String intrinsic(String fn, JsonNode args) {
    switch (fn) {
      case "Ref":
        return ref(args.asText());
      case "Fn::GetAtt":
        return getAtt(args.get(0).asText(), args.get(1).asText());
      case "Fn::Join": {
        StringBuilder out = new StringBuilder();
        String separator = args.get(0).asText();
        Iterator<JsonNode> parts = args.get(1).elements();
        while (parts.hasNext()) {
          out.append(text(parts.next()));
          if (parts.hasNext()) {
            out.append(separator);
          }
        }
        return out.toString();
      }
      case "Fn::Select": {
        JsonNode list = args.get(1);
        int index = Integer.parseInt(text(args.get(0)));
        if (list.isObject() && list.has("Fn::Split")) {
          JsonNode split = list.get("Fn::Split");
          String[] parts = text(split.get(1)).split(Pattern.quote(split.get(0).asText()), -1);
          return parts[index];
        }
        return text(list.get(index));
      }
      case "Fn::Sub": {
        String template = args.isArray() ? args.get(0).asText() : args.asText();
        JsonNode variables = args.isArray() ? args.get(1) : JSON.createObjectNode();
        Matcher m = SUB.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
          String name = m.group(1);
          String value = variables.has(name) ? text(variables.get(name))
              : name.contains(".") ? getAtt(name.substring(0, name.indexOf('.')),
                  name.substring(name.indexOf('.') + 1))
              : ref(name);
          m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
      }
      default:
        throw new IllegalArgumentException("intrinsic " + fn + " is not resolved by this test: "
            + args);
    }
  }

  private JsonNode resource(String logicalId) {
    JsonNode r = resources.get(logicalId);
    if (r == null) {
      throw new IllegalArgumentException("no resource " + logicalId + " in the template");
    }
    return r;
  }

  /** The physical name: the named property if the template sets it, else the logical id. */
  private String name(String logicalId, String property) {
    JsonNode value = resource(logicalId).path("Properties").path(property);
    return value.isMissingNode() ? logicalId.toLowerCase(Locale.ROOT) : text(value);
  }

  private static String arn(String service, String region, String resource) {
    return "arn:aws:" + service + ":" + region + ":" + (service.equals("s3") ? "" : ACCOUNT) + ":"
        + resource;
  }

  private String ref(String logicalId) {
    switch (logicalId) {
      case "AWS::Partition":
        return "aws";
      case "AWS::Region":
        return REGION;
      case "AWS::AccountId":
        return ACCOUNT;
      case "AWS::URLSuffix":
        return "amazonaws.com";
      case "AWS::StackName":
        return "stack";
      default:
        break;
    }
    String type = resource(logicalId).path("Type").asText();
    return switch (type) {
      case "AWS::S3::Bucket" -> name(logicalId, "BucketName");
      case "AWS::SNS::Topic" -> arn("sns", REGION, name(logicalId, "TopicName"));
      case "AWS::KMS::Key" -> logicalId.toLowerCase(Locale.ROOT);
      case "AWS::IAM::Role" -> name(logicalId, "RoleName");
      case "AWS::Lambda::Function" -> name(logicalId, "FunctionName");
      case "AWS::Lambda::Alias" -> functionArn(resource(logicalId).path("Properties")
          .path("FunctionName")) + ":" + text(resource(logicalId).path("Properties").path("Name"));
      case "AWS::Lambda::Version" ->
          functionArn(resource(logicalId).path("Properties").path("FunctionName")) + ":1";
      case "AWS::StepFunctions::StateMachine" ->
          arn("states", REGION, "stateMachine:" + name(logicalId, "StateMachineName"));
      case "AWS::Logs::LogGroup" -> name(logicalId, "LogGroupName");
      case "AWS::Events::Rule", "AWS::CloudWatch::Alarm" -> name(logicalId,
          type.equals("AWS::Events::Rule") ? "Name" : "AlarmName");
      case "AWS::SageMaker::ModelPackageGroup" -> getAtt(logicalId, "ModelPackageGroupArn");
      case "AWS::SageMaker::MonitoringSchedule" -> arn("sagemaker", REGION,
          "monitoring-schedule/" + name(logicalId, "MonitoringScheduleName").toLowerCase(Locale.ROOT));
      default -> throw new IllegalArgumentException("Ref of " + type + " (" + logicalId
          + ") is not resolved by this test");
    };
  }

  private String functionArn(JsonNode functionName) {
    String name = text(functionName);
    return name.startsWith("arn:") ? name : arn("lambda", REGION, "function:" + name);
  }

  private String getAtt(String logicalId, String attribute) {
    String type = resource(logicalId).path("Type").asText();
    String key = type + "." + attribute;
    return switch (key) {
      case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + name(logicalId, "BucketName");
      case "AWS::KMS::Key.Arn" -> arn("kms", REGION, "key/" + ref(logicalId));
      case "AWS::IAM::Role.Arn" -> "arn:aws:iam::" + ACCOUNT + ":role/" + ref(logicalId);
      case "AWS::Lambda::Function.Arn" -> arn("lambda", REGION, "function:" + ref(logicalId));
      case "AWS::Lambda::Version.Version" -> "1";
      case "AWS::Logs::LogGroup.Arn" -> arn("logs", REGION, "log-group:" + ref(logicalId) + ":*");
      case "AWS::StepFunctions::StateMachine.Arn" -> ref(logicalId);
      case "AWS::StepFunctions::StateMachine.Name" -> name(logicalId, "StateMachineName");
      case "AWS::SNS::Topic.TopicArn" -> ref(logicalId);
      case "AWS::SNS::Topic.TopicName" -> name(logicalId, "TopicName");
      case "AWS::Events::Rule.Arn" -> arn("events", REGION, "rule/" + ref(logicalId));
      case "AWS::CloudWatch::Alarm.Arn" -> arn("cloudwatch", REGION, "alarm:" + ref(logicalId));
      case "AWS::SageMaker::ModelPackageGroup.ModelPackageGroupArn" -> arn("sagemaker", REGION,
          "model-package-group/"
              + name(logicalId, "ModelPackageGroupName").toLowerCase(Locale.ROOT));
      case "AWS::SageMaker::MonitoringSchedule.MonitoringScheduleArn" -> ref(logicalId);
      case "AWS::SageMaker::DataQualityJobDefinition.JobDefinitionArn" -> arn("sagemaker", REGION,
          "data-quality-job-definition/"
              + name(logicalId, "JobDefinitionName").toLowerCase(Locale.ROOT));
      default -> throw new IllegalArgumentException("Fn::GetAtt " + key + " (" + logicalId
          + ") is not resolved by this test");
    };
  }

  /** @return the ids of the resources of a type */
  public List<String> idsOfType(String type) {
    List<String> ids = new java.util.ArrayList<>();
    resources.fields().forEachRemaining(e -> {
      if (type.equals(e.getValue().path("Type").asText())) {
        ids.add(e.getKey());
      }
    });
    return ids;
  }
}
