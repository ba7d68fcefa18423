package dev.batoncf.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.batoncf.bench.SyncBenchmark.Limits;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.support.SimSync;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The figures the scale benchmark compares against: its minimum, its floor, its child's peaks. */
class ScaleFiguresTest {
  @TempDir Path dir;

  /**
   * 5,000 members scaled as the benchmark scales them: 500 Access users, 10 groups, two of which
   * use an email list. The minimum is 1 + 2 roles + 1 resource groups + 1 user groups (none) + 100
   * members + 1 tokens + 1 risk summary + 1 users + 1 groups + 2 lists + 1 apps (none), and a real
   * sync needs exactly that.
   */
  @Test
  void theMinimumIsWhatAFullSyncRequests() {
    SimAccount account = Seeds.generated(SyncBenchmark.scale(5000), 42);
    assertEquals(500, account.accessUsers().size());
    assertEquals(10, account.groups().size());
    assertEquals(112, SyncBenchmark.minimumRequests(account));
    try (CfSimulator sim = CfSimulator.start(account)) {
      sim.faults().budget(1_000_000, Duration.ofMinutes(5));
      SimSync.sync(sim, SimSync.demoToken(), dir.resolve("sync.c1z"), true);
      assertEquals(112, sim.requests().total(), sim.requests().countsByEndpoint().toString());
      assertEquals(2, sim.requests().count("GET", Paths.LIST_ITEMS));
    }
  }

  @Test
  void theFloorCountsTheFullWindowsBeforeTheLastRequest() {
    assertEquals(0, Limits.BOUND.floorMs(110));
    assertEquals(10_000, Limits.BOUND.floorMs(111));
    assertEquals(20_000, Limits.BOUND.floorMs(253));
    assertEquals(0, Limits.UNBOUND.floorMs(2056));
  }

  @Test
  void theChildsLastStatsLineIsRead() {
    String stderr =
        "{\"msg\":\"x\"}\n"
            + MainWithStats.line(40, 150)
            + "\n"
            + MainWithStats.line(61, 230)
            + "\n";
    assertEquals(new ChildJvm.Stats(61, 230), ChildJvm.stats(stderr));
    assertEquals(new ChildJvm.Stats(-1, -1), ChildJvm.stats("no stats here"));
    assertEquals(new ChildJvm.Stats(12, -1), ChildJvm.stats(MainWithStats.line(12, -1)));
  }
}
