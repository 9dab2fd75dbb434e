package dev.rookery.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.RequiredTrait;

/**
 * Checks a Task's {@code Parameters} against the AWS SDK for Java v2 model of the request it
 * becomes: every key must be a member's wire name ({@link SdkField#locationName()}), objects nest
 * as the member's {@link SdkPojo} shape, lists and maps as their member's, scalars have the
 * member's JSON type, enum strings are known values, and required members are present. A key
 * ending in {@code .$} is taken from the state input at run time: its name is checked, its value
 * cannot be.
 *
 * <p>Required members: the SageMaker model in SDK 2.40.2 carries no {@link RequiredTrait}, so the
 * members the SageMaker API Reference marks "Required: Yes" for the shapes these state machines
 * use are listed in {@link #REQUIRED}; a {@code RequiredTrait}, where present, counts as well.
 */
public final class SdkRequestShapeValidator {

  private static final String MODEL_PACKAGE = "software.amazon.awssdk.services.sagemaker.model.";
  private static final Pattern SAGEMAKER_RESOURCE = Pattern.compile(
      "^arn:aws:states:::(?:sagemaker|aws-sdk:sagemaker):([a-zA-Z]+)(?:\\.sync|\\.waitForTaskToken)?$");

  /** Members marked "Required: Yes" in the SageMaker API Reference, by SDK model class simple name. */
  static final Map<String, Set<String>> REQUIRED = Map.ofEntries(
      Map.entry("CreateProcessingJobRequest", Set.of("ProcessingJobName", "ProcessingResources", "AppSpecification", "RoleArn")),
      Map.entry("AppSpecification", Set.of("ImageUri")),
      Map.entry("ProcessingInput", Set.of("InputName")),
      Map.entry("ProcessingS3Input", Set.of("S3Uri", "S3DataType")),
      Map.entry("ProcessingOutputConfig", Set.of("Outputs")),
      Map.entry("ProcessingOutput", Set.of("OutputName")),
      Map.entry("ProcessingS3Output", Set.of("S3Uri", "S3UploadMode")),
      Map.entry("ProcessingResources", Set.of("ClusterConfig")),
      Map.entry("ProcessingClusterConfig", Set.of("InstanceCount", "InstanceType", "VolumeSizeInGB")),
      Map.entry("ProcessingStoppingCondition", Set.of("MaxRuntimeInSeconds")),
      Map.entry("CreateHyperParameterTuningJobRequest", Set.of("HyperParameterTuningJobName", "HyperParameterTuningJobConfig")),
      Map.entry("HyperParameterTuningJobConfig", Set.of("Strategy")),
      Map.entry("HyperParameterTuningJobObjective", Set.of("Type", "MetricName")),
      Map.entry("ResourceLimits", Set.of("MaxParallelTrainingJobs")),
      Map.entry("ContinuousParameterRange", Set.of("Name", "MinValue", "MaxValue")),
      Map.entry("IntegerParameterRange", Set.of("Name", "MinValue", "MaxValue")),
      Map.entry("CategoricalParameterRange", Set.of("Name", "Values")),
      Map.entry("HyperParameterTrainingJobDefinition", Set.of("AlgorithmSpecification", "RoleArn", "OutputDataConfig", "StoppingCondition")),
      Map.entry("HyperParameterAlgorithmSpecification", Set.of("TrainingInputMode")),
      Map.entry("MetricDefinition", Set.of("Name", "Regex")),
      Map.entry("Channel", Set.of("ChannelName", "DataSource")),
      Map.entry("S3DataSource", Set.of("S3DataType", "S3Uri")),
      Map.entry("OutputDataConfig", Set.of("S3OutputPath")),
      Map.entry("ResourceConfig", Set.of("VolumeSizeInGB")),
      Map.entry("DescribeTrainingJobRequest", Set.of("TrainingJobName")),
      Map.entry("DescribeEndpointRequest", Set.of("EndpointName")),
      Map.entry("DescribeEndpointConfigRequest", Set.of("EndpointConfigName")),
      Map.entry("DescribeModelRequest", Set.of("ModelName")),
      Map.entry("DescribeModelPackageRequest", Set.of("ModelPackageName")));

  /**
   * The SageMaker API action a Step Functions resource calls, e.g. {@code createProcessingJob} for
   * {@code arn:aws:states:::sagemaker:createProcessingJob.sync}.
   *
   * @param resource a Task's {@code Resource}
   * @return the action, empty if the resource is not a SageMaker integration
   */
  public static Optional<String> sageMakerAction(String resource) {
    Matcher matcher = SAGEMAKER_RESOURCE.matcher(resource);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /**
   * The SDK request class of a SageMaker resource ({@code CreateProcessingJobRequest}, ...).
   *
   * @param resource a Task's {@code Resource}
   * @return the request model class
   * @throws IllegalArgumentException if the resource is not SageMaker or names no SDK operation
   */
  public static Class<? extends SdkPojo> requestClassFor(String resource) {
    String action = sageMakerAction(resource).orElseThrow(
        () -> new IllegalArgumentException("not a SageMaker integration resource: " + resource));
    String className = MODEL_PACKAGE + Character.toUpperCase(action.charAt(0)) + action.substring(1) + "Request";
    try {
      return Class.forName(className).asSubclass(SdkPojo.class);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("resource " + resource + " names no SageMaker API: there is no " + className, e);
    }
  }

  /**
   * Validates a JSON object against an SDK model class.
   *
   * @param path where the object sits, for messages (e.g. {@code pipeline.asl.json/Preprocess/Parameters})
   * @param value the object
   * @param modelClass the SDK model (request or nested shape) it must match
   * @return one message per problem, each naming the path and the offending key or value; empty if valid
   */
  public List<String> validate(String path, JsonNode value, Class<? extends SdkPojo> modelClass) {
    List<String> problems = new ArrayList<>();
    validatePojo(path, value, newBuilder(modelClass), problems);
    return problems;
  }

  private void validatePojo(String path, JsonNode value, SdkPojo pojo, List<String> problems) {
    String shape = modelClassOf(pojo).getSimpleName();
    if (!value.isObject()) {
      problems.add(path + ": expected an object (" + shape + "), found " + value.getNodeType());
      return;
    }
    List<SdkField<?>> fields = pojo.sdkFields();
    Set<String> present = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      boolean dynamic = entry.getKey().endsWith(".$");
      String key = dynamic ? entry.getKey().substring(0, entry.getKey().length() - 2) : entry.getKey();
      Optional<SdkField<?>> field = fields.stream().filter(f -> key.equals(f.locationName())).findFirst();
      if (field.isEmpty()) {
        problems.add(path + "." + entry.getKey() + ": '" + key + "' is not a member of " + shape
            + " (members: " + fields.stream().map(SdkField::locationName).toList() + ")");
        continue;
      }
      present.add(key);
      if (dynamic) {
        if (!entry.getValue().isTextual()) {
          problems.add(path + "." + entry.getKey() + ": a '.$' key needs a path or intrinsic string, found " + entry.getValue());
        }
        continue;
      }
      validateValue(path + "." + key, entry.getValue(), field.get(), pojo, problems);
    }
    for (SdkField<?> field : fields) {
      boolean required = REQUIRED.getOrDefault(shape, Set.of()).contains(field.locationName())
          || field.containsTrait(RequiredTrait.class);
      if (required && !present.contains(field.locationName())) {
        problems.add(path + ": required member '" + field.locationName() + "' of " + shape + " is missing");
      }
    }
  }

  private void validateValue(String path, JsonNode value, SdkField<?> field, SdkPojo owner, List<String> problems) {
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.SDK_POJO) {
      validatePojo(path, value, field.constructor().get(), problems);
    } else if (type == MarshallingType.LIST) {
      if (!value.isArray()) {
        problems.add(path + ": expected a list, found " + value.getNodeType());
        return;
      }
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      for (int i = 0; i < value.size(); i++) {
        validateValue(path + "[" + i + "]", value.get(i), member, owner, problems);
      }
    } else if (type == MarshallingType.MAP) {
      if (!value.isObject()) {
        problems.add(path + ": expected a map, found " + value.getNodeType());
        return;
      }
      SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
      value.fields().forEachRemaining(e -> validateValue(path + "." + e.getKey(), e.getValue(), member, owner, problems));
    } else if (type == MarshallingType.STRING) {
      if (!value.isTextual()) {
        problems.add(path + ": expected a string, found " + value);
        return;
      }
      checkEnum(path, value.asText(), field, owner, problems);
    } else if (type == MarshallingType.INTEGER || type == MarshallingType.LONG) {
      if (!value.isIntegralNumber()) {
        problems.add(path + ": expected an integer, found " + value);
      }
    } else if (type == MarshallingType.FLOAT || type == MarshallingType.DOUBLE || type == MarshallingType.BIG_DECIMAL) {
      if (!value.isNumber()) {
        problems.add(path + ": expected a number, found " + value);
      }
    } else if (type == MarshallingType.BOOLEAN) {
      if (!value.isBoolean()) {
        problems.add(path + ": expected a boolean, found " + value);
      }
    }
    // INSTANT, SDK_BYTES, DOCUMENT: not used by these state machines; any JSON value passes.
  }

  /** A string member backed by an SDK enum ({@code xAsString()} next to {@code x()}) must be a known value. */
  private static void checkEnum(String path, String text, SdkField<?> field, SdkPojo owner, List<String> problems) {
    Class<?> model = modelClassOf(owner);
    String member = field.memberName();
    Optional<Method> getter = Arrays.stream(model.getMethods())
        .filter(m -> m.getParameterCount() == 0 && m.getName().equalsIgnoreCase(member) && m.getReturnType().isEnum())
        .findFirst();
    boolean hasAsString = Arrays.stream(model.getMethods())
        .anyMatch(m -> m.getParameterCount() == 0 && m.getName().equalsIgnoreCase(member + "AsString"));
    if (getter.isEmpty() || !hasAsString) {
      return;
    }
    Class<?> enumType = getter.get().getReturnType();
    try {
      Object parsed = enumType.getMethod("fromValue", String.class).invoke(null, text);
      if (parsed == null || "UNKNOWN_TO_SDK_VERSION".equals(((Enum<?>) parsed).name())) {
        List<String> known = Arrays.stream(enumType.getEnumConstants()).map(Object::toString)
            .filter(v -> !"null".equals(v)).toList();
        problems.add(path + ": '" + text + "' is not a " + enumType.getSimpleName() + " " + known);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read enum " + enumType.getName(), e);
    }
  }

  private static SdkPojo newBuilder(Class<? extends SdkPojo> modelClass) {
    try {
      return (SdkPojo) modelClass.getMethod("builder").invoke(null);
    } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalArgumentException(modelClass.getName() + " is not an SDK model with a builder()", e);
    }
  }

  /** Builders are nested in their model class; requests and nested shapes alike. */
  private static Class<?> modelClassOf(SdkPojo pojo) {
    Class<?> type = pojo.getClass();
    while (type.getEnclosingClass() != null) {
      type = type.getEnclosingClass();
    }
    return type;
  }
}
