package dev.rookery.functions.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.functions.common.Json;
import dev.rookery.functions.exceptions.InvalidEventException;
import dev.rookery.functions.testutils.Fixtures;
import org.junit.jupiter.api.Test;

class UploadEventTest {
  @Test
  void parse_documentedObjectCreatedEvent_readsBucketKeySizeVersion() {
    // when
    UploadEvent event = UploadEvent.parse(Json.read(Fixtures.stream("events/s3-object-created.json")));

    // then
    assertThat(event.object().uri()).isEqualTo("s3://rookery-data-111122223333/incoming/penguins.csv");
    assertThat(event.size()).isEqualTo(13478);
    assertThat(event.etag()).isEqualTo("b1946ac92492d2347c6235b4d2611184");
    assertThat(event.version()).isEqualTo("IYV3p45BT0ac8hjHg1houSdS1a.Mro8e");
  }

  @Test
  void parse_unversionedBucket_versionIsEtag() {
    // when
    UploadEvent event = UploadEvent.parse(Json.read(
        Fixtures.stream("events/s3-object-created-unversioned-not-csv.json")));

    // then
    assertThat(event.versionId()).isNull();
    assertThat(event.version()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
  }

  @Test
  void copySource_versionedUpload_bucketKeyAndVersionId() {
    // given
    UploadEvent event = UploadEvent.parse(Json.read(Fixtures.stream("events/s3-object-created.json")));

    // when / then
    assertThat(event.copySource())
        .isEqualTo("rookery-data-111122223333/incoming/penguins.csv?versionId=IYV3p45BT0ac8hjHg1houSdS1a.Mro8e");
    assertThat(event.quotedEtag()).isEqualTo("\"b1946ac92492d2347c6235b4d2611184\"");
  }

  @Test
  void copySource_keyWithSpacePlusAndUnicode_urlEncodedKeepingSlashes() {
    // given: EventBridge gives the key as is (not URL-encoded, unlike S3 event notifications)
    UploadEvent event = new UploadEvent(new dev.rookery.functions.common.S3Location("data",
        "incoming/my penguins+2024 é.csv"), 10, "abc-2", null);

    // when / then: unversioned, so no versionId; the ETag guards the copy instead
    assertThat(event.copySource()).isEqualTo("data/incoming/my%20penguins%2B2024%20%C3%A9.csv");
    assertThat(event.quotedEtag()).isEqualTo("\"abc-2\"");
  }

  @Test
  void parse_sizeAsString_throwsNamingFieldAndValue() {
    // given
    String event = Fixtures.text("events/s3-object-created.json").replace("\"size\": 13478", "\"size\": \"big\"");

    // when / then
    assertThatThrownBy(() -> UploadEvent.parse(Json.read(Fixtures.json(event))))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("invalid event: field 'detail.object.size' must be a number, found string \"big\"");
  }

  @Test
  void parse_notJson_throwsInvalidEvent() {
    // when / then
    assertThatThrownBy(() -> Json.read(Fixtures.json("{not json")))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("field '$' is not valid JSON");
  }

  @Test
  void parse_sqsShapedS3Notification_throwsNamingSource() {
    // when / then
    assertThatThrownBy(() -> UploadEvent.parse(Json.read(Fixtures.json("{\"Records\":[]}"))))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("invalid event: field 'source' is missing");
  }
}
