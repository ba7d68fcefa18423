package dev.batoncf.cli;

import dev.batoncf.config.Key;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccount;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code simulator}: serves the demo account on 127.0.0.1 until interrupted, so provisioning and
 * the server can be tried against persistent simulated state. It accepts the token in
 * BATON_API_TOKEN when set (the same variable the connector reads), else the demo token.
 */
@Command(
    name = "simulator",
    mixinStandardHelpOptions = true,
    description = "Run the simulated Cloudflare API (demo account) on 127.0.0.1 until Ctrl-C.")
final class SimulatorCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Port on 127.0.0.1 (default 8787; 0 = any free port)")
  int port = 8787;

  @Override
  public Integer call() throws InterruptedException {
    CliContext ctx = root.context();
    SimAccount account = Seeds.demo();
    String token = ctx.env().get(Key.API_TOKEN.env());
    boolean ownToken = token != null && !token.isBlank();
    if (ownToken) {
      account.acceptApiToken(token, Seeds.DEMO_TOKEN_ID, true);
    }
    CountDownLatch stop = new CountDownLatch(1);
    try (CfSimulator sim = CfSimulator.start(account, port)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      PrintWriter out = ctx.out();
      out.println("simulated Cloudflare API at " + sim.baseUrl());
      out.println("  account id: " + Seeds.DEMO_ACCOUNT_ID);
      out.println(
          ownToken
              ? "  accepts the API token in BATON_API_TOKEN"
              : "  accepts the demo token (see README); set BATON_API_TOKEN to choose your own");
      out.println(
          "  try: BATON_BASE_URL="
              + sim.baseUrl()
              + " BATON_ACCOUNT_ID="
              + Seeds.DEMO_ACCOUNT_ID
              + " cmd/baton-cloudflare");
      out.flush();
      stop.await();
    }
    return ExitCodes.OK;
  }
}
