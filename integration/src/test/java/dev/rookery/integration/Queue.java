package dev.rookery.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** An SQS queue the tests read what the emulator delivered from (rule targets, topic messages). */
public final class Queue {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SqsClient sqs;
  private final String url;
  private final String arn;

  private Queue(SqsClient sqs, String url, String arn) {
    this.sqs = sqs;
    this.url = url;
    this.arn = arn;
  }

  /**
   * @param emulator the emulator
   * @param name the queue's name
   * @return the queue, created if missing
   */
  public static Queue create(Emulator emulator, String name) {
    SqsClient sqs = emulator.client(SqsClient.builder());
    String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
    String arn = sqs.getQueueAttributes(b -> b.queueUrl(url)
        .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
    return new Queue(sqs, url, arn);
  }

  /**
   * Subscribes a new queue to a topic (SNS's JSON envelope, so the subject is kept).
   *
   * @return the queue
   */
  public static Queue subscribedTo(Emulator emulator, String topicArn, String name) {
    Queue queue = create(emulator, name);
    try (SnsClient sns = emulator.client(SnsClient.builder())) {
      sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queue.arn));
    }
    return queue;
  }

  /** @return the queue's ARN */
  public String arn() {
    return arn;
  }

  /**
   * Receives until {@code count} messages arrived or the time is up.
   *
   * @return the bodies, parsed as JSON
   */
  public List<JsonNode> receive(int count, Duration within) {
    List<JsonNode> bodies = new ArrayList<>();
    long deadline = System.nanoTime() + within.toNanos();
    while (bodies.size() < count && System.nanoTime() < deadline) {
      for (Message m : sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
          .waitTimeSeconds(1)).messages()) {
        try {
          bodies.add(JSON.readTree(m.body()));
        } catch (IOException e) {
          throw new UncheckedIOException("not JSON: " + m.body(), e);
        }
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
      }
    }
    return bodies;
  }

  /** @return every message that arrives within the time (for "nothing arrives" checks) */
  public List<JsonNode> drain(Duration within) {
    return receive(Integer.MAX_VALUE, within);
  }
}
