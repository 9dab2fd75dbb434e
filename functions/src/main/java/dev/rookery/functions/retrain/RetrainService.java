package dev.rookery.functions.retrain;

import dev.rookery.functions.common.ExecutionStarter;
import dev.rookery.functions.common.Json;
import dev.rookery.functions.common.Names;
import dev.rookery.functions.common.Notifier;
import dev.rookery.functions.trigger.PipelineInput;
import dev.rookery.functions.trigger.TriggerService;
import dev.rookery.functions.trigger.UploadEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the pipeline on the newest dataset when a watched alarm goes to ALARM, at most once per
 * cooldown period.
 *
 * <p>Two guards, for two kinds of repetition. The cooldown: a retraining that started within the
 * period (found in the pipeline's execution history) means this alarm is skipped, with a
 * notification saying when the last one started. Races: the execution name is derived from the
 * cooldown window and the dataset version ({@link Names#retrainExecution}), so alarms firing
 * together, or one event delivered twice, start one execution: Step Functions answers a standard
 * workflow's repeated name with the same execution (same input, still running) or
 * {@code ExecutionAlreadyExists}, both reported as already started.
 */
public final class RetrainService {
  private static final Logger LOG = LoggerFactory.getLogger(RetrainService.class);

  private final RetrainConfig config;
  private final DatasetFinder datasets;
  private final RetrainHistory history;
  private final ExecutionStarter executions;
  private final Notifier notifier;
  private final Clock clock;
  private final Object settingsDocument;

  /**
   * @param config the pipeline, the data bucket and the cooldown
   * @param datasets finds the newest dataset
   * @param history the recent retrainings
   * @param executions starts the pipeline
   * @param notifier tells people what happened
   * @param clock now
   */
  public RetrainService(RetrainConfig config, DatasetFinder datasets, RetrainHistory history,
      ExecutionStarter executions, Notifier notifier, Clock clock) {
    this.config = config;
    this.datasets = datasets;
    this.history = history;
    this.executions = executions;
    this.notifier = notifier;
    this.clock = clock;
    this.settingsDocument = PipelineInput.settingsDocument(config.pipeline().settings());
  }

  /**
   * @param alarm the state change
   * @return started, skipped (cooldown, no dataset) or ignored (not an ALARM state)
   */
  public RetrainResult handle(AlarmStateChange alarm) {
    if (!AlarmStateChange.ALARM.equals(alarm.state())) {
      return new RetrainResult.Ignored("alarm " + alarm.alarmName() + " is " + alarm.state()
          + ", not " + AlarmStateChange.ALARM);
    }
    String why = "alarm " + alarm.alarmName() + " went to ALARM at " + alarm.time() + ": "
        + alarm.reason();
    Optional<UploadEvent> newest = datasets.newest(config.dataBucket(), config.datasetPrefix());
    if (newest.isEmpty()) {
      return skip("no dataset", why + "\nRetraining was not started: there is no .csv under s3://"
          + config.dataBucket() + "/" + config.datasetPrefix() + " to train on.");
    }
    UploadEvent dataset = newest.get();
    if (dataset.size() > TriggerService.MAX_COPY_OBJECT_BYTES) {
      return skip("dataset too large", why + "\nRetraining was not started: the newest dataset "
          + dataset.object().uri() + " is " + dataset.size() + " bytes, over CopyObject's 5 GiB;"
          + " upload it again to train on it (the upload trigger copies it in parts).");
    }
    Instant now = clock.instant();
    long window = now.getEpochSecond() / config.cooldown().getSeconds();
    String name = Names.retrainExecution(window, dataset.object().bucket(), dataset.object().key(),
        dataset.version());
    List<RetrainHistory.PastRetrain> recent = history.since(config.pipeline().stateMachineArn(),
        now.minus(config.cooldown()));
    Optional<RetrainHistory.PastRetrain> other = recent.stream()
        .filter(r -> !r.name().equals(name)).findFirst();
    if (other.isPresent()) {
      return skip("cooldown", why + "\nRetraining was not started: retraining " + other.get().name()
          + " started at " + other.get().started() + ", within the cooldown of "
          + config.cooldown() + "; the next one may start after "
          + other.get().started().plus(config.cooldown()) + ".");
    }
    ExecutionStarter.Started started = executions.start(config.pipeline().stateMachineArn(), name,
        Json.toJson(PipelineInput.of(dataset, false, settingsDocument, name)));
    boolean repeated = !started.started() || recent.stream().anyMatch(r -> r.name().equals(name));
    if (repeated) {
      LOG.info("retraining " + started.executionArn() + " already started; " + why);
    } else {
      LOG.info("started retraining " + started.executionArn() + "; " + why);
      notifier.notify("Rookery: retraining started", "Retraining started because " + why
          + "\nPipeline execution: " + started.executionArn() + "\nDataset: "
          + dataset.object().uri() + " (version " + dataset.version() + ").\nAt most one"
          + " retraining starts per " + config.cooldown() + "; the new model goes through the"
          + " pipeline's gate before it is registered.");
    }
    return new RetrainResult.Started(started.executionArn(), !repeated, dataset.object().uri());
  }

  private RetrainResult skip(String shortReason, String message) {
    LOG.info("retraining skipped (" + shortReason + "): " + message);
    notifier.notify("Rookery: retraining skipped (" + shortReason + ")", message);
    return new RetrainResult.Skipped(shortReason);
  }
}
