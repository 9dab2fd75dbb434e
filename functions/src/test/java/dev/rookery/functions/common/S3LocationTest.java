package dev.rookery.functions.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3LocationTest {
  @Test
  void parse_nestedKey_splitsAtFirstSlash() {
    // when
    S3Location location = S3Location.parse("s3://bucket/a/b/cloudwatch_metrics.json");

    // then
    assertThat(location).isEqualTo(new S3Location("bucket", "a/b/cloudwatch_metrics.json"));
    assertThat(location.uri()).isEqualTo("s3://bucket/a/b/cloudwatch_metrics.json");
  }

  @Test
  void parse_bucketOnly_throwsWithValue() {
    // when / then
    assertThatThrownBy(() -> S3Location.parse("s3://bucket/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("s3 URI needs a bucket and a key: 's3://bucket/'");
  }

  @Test
  void parse_httpsUrl_throwsWithValue() {
    // when / then
    assertThatThrownBy(() -> S3Location.parse("https://bucket.s3.amazonaws.com/k"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an s3:// URI");
  }
}
