package dev.rookery.infra;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Who gets the notifications is a deploy-time choice, stated in the stack's outputs. */
class NotificationSubscriptionTest {

  @Test
  void emailNone_noSubscriptionAndTheOutputSaysSo() {
    // given dev deployed with the explicit "none"
    Template template = Template.fromStack(TestApps.stack("dev",
        Map.of(RookeryApp.NOTIFICATION_EMAIL, "none")));
    // then
    template.resourceCountIs("AWS::SNS::Subscription", 0);
    template.hasOutput("NotificationSubscription", Map.of("Value",
        Match.stringLikeRegexp("none: notificationEmail is 'none', nobody is subscribed to"
            + " rookery-dev-notifications.*")));
  }

  @Test
  void contextEmail_subscribedAndNamedInTheOutput() {
    // given dev deployed with -c notificationEmail=... (TestApps passes it as a user would)
    Template template = Template.fromStack(TestApps.stack("dev", Map.of()));
    // then
    template.hasResourceProperties("AWS::SNS::Subscription", Map.of(
        "Protocol", "email", "Endpoint", TestApps.TEST_EMAIL));
    template.hasOutput("NotificationSubscription", Map.of("Value",
        "e-mail to " + TestApps.TEST_EMAIL + " (confirm it from the e-mail AWS sends)"));
  }
}
