package dev.rookery.infra.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * IAM's policy evaluation logic for the cases this project's templates use, after the IAM User
 * Guide ("Policy evaluation logic", "IAM JSON policy elements"): an explicit {@code Deny} wins, then
 * an {@code Allow} in an identity policy or (for its principal) a resource policy, else the request
 * is implicitly denied. {@code Action}/{@code NotAction} match case-insensitively with {@code *} and
 * {@code ?} wildcards; {@code Resource}/{@code NotResource} case-sensitively with the same wildcards
 * (which may span {@code :} and {@code /}); {@code Principal} by service, account or ARN; conditions
 * with the operators listed in {@link #conditionHolds}, {@code ...IfExists} and
 * {@code ForAnyValue:}. An operator it does not know throws, so a policy is never allowed by
 * accident. No SCPs, permission boundaries or session policies: this project has none.
 *
 * <p>Policies are CloudFormation-resolved JSON ({@link TemplateResolver}): statements with plain
 * strings.
 */
public final class PolicyEvaluator {
  /** The outcome for one request. */
  public enum Decision { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

  /**
   * One request.
   *
   * @param principal a role ARN ({@code arn:aws:iam::<account>:role/<name>}) or a service
   *     principal ({@code cloudwatch.amazonaws.com})
   * @param account the principal's account (for a service principal: the account it acts for)
   * @param action {@code service:Action}
   * @param resource the resource ARN, or {@code *}
   * @param context condition keys (case-insensitive names) and their values
   */
  public record Request(String principal, String account, String action, String resource,
      Map<String, List<String>> context) {
    /** Copies the context with case-insensitive keys. */
    public Request {
      Map<String, List<String>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      keys.putAll(context);
      context = keys;
    }

    /** @return this request with one more context key */
    public Request with(String key, String value) {
      Map<String, List<String>> more = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      more.putAll(context);
      more.put(key, List.of(value));
      return new Request(principal, account, action, resource, more);
    }

    boolean isService() {
      return !principal.startsWith("arn:");
    }
  }

  /** How a resource policy's {@code Principal} matched the request's. */
  enum PrincipalMatch { NONE, ACCOUNT, SPECIFIC }

  private PolicyEvaluator() {}

  /**
   * A same-account request to a resource with an optional resource policy (S3, SNS, Lambda,
   * Step Functions...): allowed by an identity-policy allow or a resource-policy allow naming the
   * principal itself; a service principal has no identity policies.
   *
   * @param identity the statements of the principal's identity policies
   * @param resourcePolicy the statements of the resource's policy (empty if none)
   * @param request the request
   * @return the decision
   */
  public static Decision sameAccount(List<JsonNode> identity, List<JsonNode> resourcePolicy,
      Request request) {
    if (anyDeny(identity, request, false) || anyDeny(resourcePolicy, request, true)) {
      return Decision.EXPLICIT_DENY;
    }
    boolean identityAllows = !request.isService() && anyAllow(identity, request, false);
    boolean resourceAllows = resourcePolicy.stream().anyMatch(s -> isAllow(s)
        && matches(s, request, true) == PrincipalMatch.SPECIFIC);
    return identityAllows || resourceAllows ? Decision.ALLOW : Decision.IMPLICIT_DENY;
  }

  /**
   * A request to a KMS key: the key policy must allow the principal itself, or allow the account
   * (which lets IAM policies grant it) and an identity policy then allows it (KMS developer
   * guide, "Default key policy", "Allows access to the AWS account and enables IAM policies").
   *
   * @param identity the principal's identity statements
   * @param keyPolicy the key policy's statements
   * @param request the request
   * @return the decision
   */
  public static Decision kms(List<JsonNode> identity, List<JsonNode> keyPolicy, Request request) {
    if (anyDeny(identity, request, false) || anyDeny(keyPolicy, request, true)) {
      return Decision.EXPLICIT_DENY;
    }
    boolean direct = false;
    boolean delegated = false;
    for (JsonNode s : keyPolicy) {
      if (isAllow(s)) {
        PrincipalMatch m = matches(s, request, true);
        direct |= m == PrincipalMatch.SPECIFIC;
        delegated |= m == PrincipalMatch.ACCOUNT;
      }
    }
    boolean allowed = direct
        || (delegated && !request.isService() && anyAllow(identity, request, false));
    return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
  }

  /**
   * @param statements identity statements
   * @param request the request
   * @return the decision of these statements alone
   */
  public static Decision identityOnly(List<JsonNode> statements, Request request) {
    return sameAccount(statements, List.of(), request);
  }

  private static boolean isAllow(JsonNode statement) {
    return "Allow".equals(statement.path("Effect").asText());
  }

  private static boolean anyAllow(List<JsonNode> statements, Request request, boolean resource) {
    return statements.stream().anyMatch(s -> isAllow(s)
        && matches(s, request, resource) != PrincipalMatch.NONE);
  }

  private static boolean anyDeny(List<JsonNode> statements, Request request, boolean resource) {
    return statements.stream().anyMatch(s -> "Deny".equals(s.path("Effect").asText())
        && matches(s, request, resource) != PrincipalMatch.NONE);
  }

  /**
   * @param statement an identity policy statement
   * @param request a request
   * @return whether the statement applies to the request (its Effect aside)
   */
  public static boolean applies(JsonNode statement, Request request) {
    return matches(statement, request, false) != PrincipalMatch.NONE;
  }

  /** Whether the statement applies to the request; for resource policies, how the principal matched. */
  static PrincipalMatch matches(JsonNode s, Request request, boolean resourcePolicy) {
    PrincipalMatch principal = PrincipalMatch.SPECIFIC;
    if (resourcePolicy) {
      if (s.has("Principal")) {
        principal = principalMatch(s.get("Principal"), request);
      } else if (s.has("NotPrincipal")) {
        principal = principalMatch(s.get("NotPrincipal"), request) == PrincipalMatch.NONE
            ? PrincipalMatch.SPECIFIC : PrincipalMatch.NONE;
      } else {
        throw new IllegalArgumentException("resource policy statement without Principal: " + s);
      }
      if (principal == PrincipalMatch.NONE) {
        return PrincipalMatch.NONE;
      }
    }
    boolean action = s.has("Action")
        ? values(s.get("Action")).stream().anyMatch(p -> actionMatches(p, request.action()))
        : values(s.get("NotAction")).stream().noneMatch(p -> actionMatches(p, request.action()));
    if (!action) {
      return PrincipalMatch.NONE;
    }
    boolean resource;
    if (s.has("Resource")) {
      resource = values(s.get("Resource")).stream().anyMatch(p -> glob(p, request.resource(), false));
    } else if (s.has("NotResource")) {
      resource = values(s.get("NotResource")).stream()
          .noneMatch(p -> glob(p, request.resource(), false));
    } else {
      // Key policies and some resource policies apply to "the resource the policy is on".
      resource = resourcePolicy;
    }
    if (!resource) {
      return PrincipalMatch.NONE;
    }
    JsonNode conditions = s.path("Condition");
    for (var operators = conditions.fields(); operators.hasNext(); ) {
      var operator = operators.next();
      for (var keys = operator.getValue().fields(); keys.hasNext(); ) {
        var key = keys.next();
        if (!conditionHolds(operator.getKey(), request.context().get(key.getKey()),
            values(key.getValue()))) {
          return PrincipalMatch.NONE;
        }
      }
    }
    return principal;
  }

  private static PrincipalMatch principalMatch(JsonNode principal, Request request) {
    if (principal.isTextual() && principal.asText().equals("*")) {
      return PrincipalMatch.SPECIFIC;
    }
    PrincipalMatch best = PrincipalMatch.NONE;
    for (String service : values(principal.path("Service"))) {
      if (request.isService() && service.equals(request.principal())) {
        return PrincipalMatch.SPECIFIC;
      }
    }
    for (String aws : values(principal.path("AWS"))) {
      if (aws.equals("*")) {
        return PrincipalMatch.SPECIFIC;
      }
      if (request.isService()) {
        continue;
      }
      if (aws.equals(request.principal())) {
        return PrincipalMatch.SPECIFIC;
      }
      String account = aws.matches("\\d{12}") ? aws
          : aws.matches("arn:[^:]+:iam::\\d{12}:root") ? aws.split(":")[4] : null;
      if (request.account().equals(account)) {
        best = PrincipalMatch.ACCOUNT;
      }
    }
    return best;
  }

  /**
   * One condition operator on one key (IAM User Guide, "IAM JSON policy elements: Condition
   * operators"): several policy values are ORed; a key missing from the request fails a positive
   * operator and passes a negated one, unless {@code IfExists} (passes) or {@code Null}.
   */
  static boolean conditionHolds(String operator, List<String> requestValues,
      List<String> policyValues) {
    boolean ifExists = operator.endsWith("IfExists");
    String op = ifExists ? operator.substring(0, operator.length() - "IfExists".length()) : operator;
    boolean forAnyValue = op.startsWith("ForAnyValue:");
    if (forAnyValue) {
      op = op.substring("ForAnyValue:".length());
    }
    if (op.equals("Null")) {
      boolean absent = requestValues == null || requestValues.isEmpty();
      return policyValues.stream().anyMatch(v -> Boolean.parseBoolean(v) == absent);
    }
    if (requestValues == null || requestValues.isEmpty()) {
      return ifExists || op.contains("Not");
    }
    java.util.function.BiPredicate<String, String> test = switch (op) {
      case "StringEquals", "StringNotEquals", "ArnEquals", "ArnNotEquals" -> String::equals;
      case "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase" -> String::equalsIgnoreCase;
      case "StringLike", "StringNotLike" -> (policy, value) -> glob(policy, value, false);
      case "ArnLike", "ArnNotLike" -> PolicyEvaluator::arnLike;
      case "Bool" -> (policy, value) -> policy.equalsIgnoreCase(value);
      default -> throw new IllegalArgumentException("condition operator " + operator
          + " is not implemented by this evaluator");
    };
    boolean not = op.contains("Not");
    // Single-valued keys (all this project uses): any request value against any policy value.
    boolean anyMatch = requestValues.stream()
        .anyMatch(value -> policyValues.stream().anyMatch(policy -> test.test(policy, value)));
    return not ? !anyMatch : anyMatch;
  }

  /** ArnLike: each of the six colon-separated parts matched on its own (a wildcard stays inside its part). */
  static boolean arnLike(String pattern, String arn) {
    String[] p = pattern.split(":", 6);
    String[] a = arn.split(":", 6);
    if (p.length != 6 || a.length != 6) {
      return false;
    }
    for (int i = 0; i < 6; i++) {
      if (!glob(p[i], a[i], false)) {
        return false;
      }
    }
    return true;
  }

  static boolean actionMatches(String pattern, String action) {
    return glob(pattern, action, true);
  }

  /** {@code *} matches any run of characters, {@code ?} any one character. */
  static boolean glob(String pattern, String value, boolean ignoreCase) {
    String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
    String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
    int pi = 0;
    int vi = 0;
    int star = -1;
    int mark = 0;
    while (vi < v.length()) {
      if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == v.charAt(vi))) {
        pi++;
        vi++;
      } else if (pi < p.length() && p.charAt(pi) == '*') {
        star = pi++;
        mark = vi;
      } else if (star >= 0) {
        pi = star + 1;
        vi = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }

  /** A policy element that is a string or an array of strings. */
  static List<String> values(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isMissingNode() || node.isNull()) {
      return out;
    }
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else {
      out.add(node.asText());
    }
    return out;
  }
}
