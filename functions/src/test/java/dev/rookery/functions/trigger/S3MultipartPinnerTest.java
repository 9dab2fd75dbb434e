package dev.rookery.functions.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.functions.common.S3Location;
import dev.rookery.functions.testutils.FakeAwsServer;
import dev.rookery.functions.testutils.FakeAwsServer.Recorded;
import dev.rookery.functions.testutils.FakeAwsServer.Response;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The multipart copy of a large upload through the real S3 client against a recording local endpoint. */
class S3MultipartPinnerTest {
  static final long GIB = 1024L * 1024 * 1024;
  static final S3Location SOURCE = new S3Location("rookery-data", "incoming/big penguins.csv");
  static final S3Location TARGET = new S3Location("rookery-artifacts", "runs/rk-0123456789abcdef01234567/input/dataset.csv");
  static final String TARGET_PATH = "/rookery-artifacts/runs/rk-0123456789abcdef01234567/input/dataset.csv";
  static final String ETAG = "\"b1946ac92492d2347c6235b4d2611184-700\"";

  final FakeAwsServer aws = new FakeAwsServer();
  final S3MultipartPinner pinner = new S3MultipartPinner(aws.client(S3Client.builder().forcePathStyle(true)));

  @AfterEach
  void stop() {
    aws.close();
  }

  void scriptUpload() {
    aws.on("POST " + TARGET_PATH,
        Response.xml(200, "<InitiateMultipartUploadResult><Bucket>rookery-artifacts</Bucket><Key>" + TARGET.key()
            + "</Key><UploadId>upload-1</UploadId></InitiateMultipartUploadResult>"),
        Response.xml(200, "<CompleteMultipartUploadResult><Bucket>rookery-artifacts</Bucket><Key>" + TARGET.key()
            + "</Key><ETag>\"3858f62230ac3c915f300c664312c11f-12\"</ETag></CompleteMultipartUploadResult>"));
  }

  static Response partCopied() {
    return Response.xml(200, "<CopyPartResult><ETag>\"c4ca4238a0b923820dcc509a6f75849b\"</ETag>"
        + "<LastModified>2026-11-26T05:40:00.000Z</LastModified></CopyPartResult>");
  }

  @Test
  void pin_sixGibUpload_copiesEveryByteRangeOfThatVersionThenCompletes() {
    // given: 6 GiB + 1 byte: over CopyObject's 5 GiB
    long size = 6 * GIB + 1;
    scriptUpload();
    aws.on("PUT " + TARGET_PATH, partCopied());

    // when
    pinner.pin(SOURCE, "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", ETAG, size, TARGET);

    // then: 13 parts of 512 MiB (the last one byte), each from exactly the validated version
    List<Recorded> parts = aws.requests().stream().filter(r -> r.method().equals("PUT"))
        .sorted(Comparator.comparingInt(r -> partNumber(r.query()))).toList();
    assertThat(parts).hasSize(13);
    assertThat(parts).allSatisfy(r -> {
      assertThat(r.headers().get("x-amz-copy-source"))
          .isEqualTo("rookery-data/incoming/big%20penguins.csv?versionId=3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");
      assertThat(r.headers().get("x-amz-copy-source-if-match")).isEqualTo(ETAG);
      assertThat(r.query()).contains("uploadId=upload-1");
    });
    assertThat(parts.get(0).headers().get("x-amz-copy-source-range")).isEqualTo("bytes=0-536870911");
    assertThat(parts.get(1).headers().get("x-amz-copy-source-range")).isEqualTo("bytes=536870912-1073741823");
    assertThat(parts.get(12).headers().get("x-amz-copy-source-range"))
        .isEqualTo("bytes=" + (6 * GIB) + "-" + (6 * GIB));
    List<Recorded> posts = aws.requests().stream().filter(r -> r.method().equals("POST")).toList();
    assertThat(posts).hasSize(2);
    assertThat(posts.get(0).query()).startsWith("uploads");
    assertThat(posts.get(1).query()).isEqualTo("uploadId=upload-1");
    String complete = new String(posts.get(1).body(), StandardCharsets.UTF_8);
    assertThat(complete).contains("<PartNumber>1</PartNumber>").contains("<PartNumber>13</PartNumber>");
    assertThat(complete.indexOf("<PartNumber>2</PartNumber>")).isLessThan(complete.indexOf("<PartNumber>13</PartNumber>"));
    assertThat(aws.operations()).doesNotContain("DELETE " + TARGET_PATH);
  }

  @Test
  void pin_sourceChangedMidCopy_abortsTheUploadAndFails() {
    // given: the key was overwritten (unversioned bucket): S3 answers 412 to the ETag condition
    scriptUpload();
    aws.on("PUT " + TARGET_PATH, Response.xml(412, "<Error><Code>PreconditionFailed</Code><Message>At least one of"
        + " the pre-conditions you specified did not hold</Message></Error>"));
    aws.on("DELETE " + TARGET_PATH, Response.bytes(204, java.util.Map.of(), new byte[0]));

    // when / then
    assertThatThrownBy(() -> pinner.pin(SOURCE, null, ETAG, 6 * GIB, TARGET))
        .isInstanceOf(S3Exception.class).hasMessageContaining("pre-conditions");
    assertThat(aws.operations()).contains("DELETE " + TARGET_PATH).doesNotContain("GET " + TARGET_PATH);
    assertThat(aws.requests().stream().filter(r -> r.method().equals("POST")).toList()).hasSize(1);
  }

  @Test
  void partBytes_fiveTibObject_staysWithinTenThousandParts() {
    long size = 5L * 1024 * GIB;
    long part = S3MultipartPinner.partBytes(size);
    assertThat((size + part - 1) / part).isLessThanOrEqualTo(10_000);
    assertThat(S3MultipartPinner.partBytes(6 * GIB)).isEqualTo(512L * 1024 * 1024);
  }

  private static int partNumber(String query) {
    for (String pair : query.split("&")) {
      if (pair.startsWith("partNumber=")) {
        return Integer.parseInt(pair.substring("partNumber=".length()));
      }
    }
    throw new AssertionError("no partNumber in " + query);
  }
}
