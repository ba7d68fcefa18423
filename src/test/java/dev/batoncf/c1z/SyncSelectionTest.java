package dev.batoncf.c1z;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.batoncf.pb.connector.v2.Resource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A v1 file can hold several syncs (Baton keeps the last two); the reader picks as Baton does. */
class SyncSelectionTest {

  // Valid KSUIDs; B2 sorts after B1, and both end at the same instant.
  private static final String B1 = "2g5Ey429hnu18tRB8Qbc3rTUCcq";
  private static final String B2 = "2g5EyA4bel5bB8ocrmvCL9mIe90";
  private static final String UNFINISHED = "2g5Ey3Z6IIhlssBaoxFrIUFzfN3";

  @TempDir Path dir;

  private Path file;
  private String first;

  @BeforeEach
  void fileWithSeveralSyncs() throws Exception {
    Path original = dir.resolve("original.c1z");
    try (C1zWriter writer = C1zWriter.create(original, dir, Fixtures.fixedClock())) {
      first = writer.syncId();
      writer.putResourceType(Fixtures.userType());
      writer.putResource(user("first"));
      writer.finish();
    }
    Path db = RawC1z.extract(original, dir.resolve("raw.db"));
    try (Connection c = RawC1z.open(db)) {
      addSync(c, B2, "2024-06-01 10:00:00", "2024-06-01 11:00:00.5", "b2");
      addSync(c, B1, "2024-06-01 09:00:00", "2024-06-01 11:00:00.5", "b1");
      addSync(c, UNFINISHED, "2024-06-02 09:00:00", null, "unfinished");
    }
    file = dir.resolve("multi.c1z");
    RawC1z.pack(db, file);
  }

  @Test
  void latest_finished_is_by_ended_at_then_sync_id() throws Exception {
    try (C1zReader reader = C1zReader.open(file)) {
      SyncRun expected =
          new SyncRun(
              B2,
              LocalDateTime.parse("2024-06-01T10:00"),
              LocalDateTime.parse("2024-06-01T11:00:00.5"),
              "full");
      assertEquals(expected, reader.sync());
      assertEquals(expected, reader.latestFinishedSync());
      assertEquals(List.of(user("b2")), RoundTripTest.collectResources(reader, null));
    }
  }

  @Test
  void lists_every_run_and_reads_the_one_asked_for() throws Exception {
    try (C1zReader reader = C1zReader.open(file, first)) {
      List<SyncRun> runs = reader.syncRuns();
      assertEquals(List.of(first, B2, B1, UNFINISHED), runs.stream().map(SyncRun::syncId).toList());
      assertFalse(runs.get(3).finished());
      assertEquals(List.of(user("first")), RoundTripTest.collectResources(reader, "user"));
      assertEquals(1, reader.counts().resources());

      reader.selectSync(UNFINISHED);
      assertEquals(List.of(user("unfinished")), RoundTripTest.collectResources(reader, null));
      assertEquals(
          List.of(),
          RoundTripTest.collectTypes(reader),
          "types were only written by the first sync");
    }
  }

  private static Resource user(String tag) {
    return Fixtures.user("u-1", tag + "@example.com");
  }

  private static void addSync(Connection c, String syncId, String started, String ended, String tag)
      throws Exception {
    try (PreparedStatement st =
        c.prepareStatement(
            "insert into v1_sync_runs (sync_id, started_at, ended_at,"
                + " sync_token, sync_type, grants_backfilled) values (?, ?, ?, '', 'full', 1)")) {
      st.setString(1, syncId);
      st.setString(2, started);
      st.setString(3, ended);
      st.executeUpdate();
    }
    try (PreparedStatement st =
        c.prepareStatement(
            "insert into v1_resources (resource_type_id, external_id,"
                + " data, sync_id, discovered_at) values ('user', 'user:u-1', ?, ?, ?)")) {
      st.setBytes(1, ProtoRows.deterministicBytes(user(tag)));
      st.setString(2, syncId);
      st.setString(3, started);
      st.executeUpdate();
    }
  }
}
