package dev.batoncf.c1z;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes 200,000 full grant rows (embedded entitlement and principal, like the connector's role
 * grants) and reads them back. Timing is printed for information only; nothing asserts on it.
 */
class VolumeTest {

  private static final int GRANTS = 200_000;
  private static final int ROLES = 60;

  @TempDir Path dir;

  @Test
  void writes_and_reads_200k_grants() throws Exception {
    List<Entitlement> roles = new ArrayList<>();
    for (int r = 0; r < ROLES; r++) {
      Resource role =
          Resource.newBuilder()
              .setId(Fixtures.id("role", "role-" + r))
              .setDisplayName("Role " + r)
              .build();
      roles.add(
          Entitlement.newBuilder()
              .setId("role:role-" + r + ":member")
              .setResource(role)
              .setDisplayName("Role " + r + " member")
              .setSlug("member")
              .addGrantableTo(Fixtures.userType())
              .build());
    }
    // A pool of prebuilt principals, so the timing measures the writer rather than proto building.
    List<Resource> users = new ArrayList<>();
    for (int u = 0; u < 1000; u++) {
      users.add(Fixtures.user("u-" + u, "user" + u + "@example.com"));
    }
    Path file = dir.resolve("volume.c1z");
    long start = System.nanoTime();
    try (C1zWriter writer = C1zWriter.create(file, dir)) {
      for (int i = 0; i < GRANTS; i++) {
        Entitlement role = roles.get(i % ROLES);
        Resource user =
            users.get(i % users.size()).toBuilder().setId(Fixtures.id("user", "u-" + i)).build();
        writer.putGrant(Fixtures.grant(role, user));
      }
      long written = System.nanoTime();
      writer.finish();
      long finished = System.nanoTime();
      print("write (puts)", GRANTS, written - start);
      print("write (puts + finish)", GRANTS, finished - start);
    }
    System.out.printf(
        "c1z volume: file %,d bytes (%.0f bytes/grant)%n",
        Files.size(file), (double) Files.size(file) / GRANTS);

    long readStart = System.nanoTime();
    try (C1zReader reader = C1zReader.open(file)) {
      Counts counts = reader.counts();
      assertEquals(GRANTS, counts.grants());
      assertEquals(Map.of("role", (long) GRANTS), counts.grantsByType());
      AtomicLong seen = new AtomicLong();
      AtomicLong withPrincipal = new AtomicLong();
      reader.forEachGrant(
          GrantFilter.any(),
          g -> {
            seen.incrementAndGet();
            if (g.getPrincipal().hasProfile()) {
              withPrincipal.incrementAndGet();
            }
          });
      assertEquals(GRANTS, seen.get());
      assertEquals(GRANTS, withPrincipal.get());
      List<Grant> oneRole = new ArrayList<>();
      reader.forEachGrant(GrantFilter.forEntitlement("role:role-7:member"), oneRole::add);
      assertEquals(GRANTS / ROLES + (7 < GRANTS % ROLES ? 1 : 0), oneRole.size());
    }
    print("read (open + count + iterate)", GRANTS, System.nanoTime() - readStart);
  }

  private static void print(String what, long rows, long nanos) {
    System.out.printf(
        "c1z volume: %s: %,d rows in %.2f s = %,.0f rows/s%n",
        what, rows, nanos / 1e9, rows / (nanos / 1e9));
  }
}
