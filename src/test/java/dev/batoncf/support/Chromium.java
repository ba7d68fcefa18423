package dev.batoncf.support;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A headless Chromium driven over the DevTools protocol, with the JDK's WebSocket client: start it
 * once per test class, open pages, evaluate script, type text. The browser listens on 127.0.0.1
 * only and runs with a throw-away profile; {@link #close()} stops it and deletes it.
 */
public final class Chromium implements AutoCloseable {
  /** Where Debian's {@code chromium} package installs it; {@code BATON_TEST_CHROMIUM} overrides. */
  public static final String DEFAULT_BINARY = "/usr/bin/chromium";

  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();

  private Chromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** The binary to run, or an AssertionError that says how to install it. */
  public static Path binary() {
    String configured = System.getenv("BATON_TEST_CHROMIUM");
    Path bin = Path.of(configured != null && !configured.isBlank() ? configured : DEFAULT_BINARY);
    if (!Files.isExecutable(bin)) {
      throw new AssertionError(
          "headless Chromium is required by this test but "
              + bin
              + " is missing: install it with `apt-get install -y chromium` (.ci/run does this when "
              + "it is missing), or set BATON_TEST_CHROMIUM to a Chromium binary");
    }
    return bin;
  }

  public static Chromium start() throws IOException, InterruptedException {
    Path bin = binary();
    Path profile = Files.createTempDirectory("baton-chromium-");
    Process p =
        new ProcessBuilder(
                bin.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-default-apps",
                "--user-data-dir=" + profile,
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    CompletableFuture<String> url = new CompletableFuture<>();
    List<String> stderr = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread drain =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    url.complete(m.group(1));
                  } else if (stderr.size() < 50) {
                    stderr.add(line);
                  }
                }
              } catch (IOException e) {
                // The browser went away; a waiting caller times out with its stderr.
              }
              url.completeExceptionally(new IOException("chromium exited: " + stderr));
            },
            "chromium-stderr");
    drain.setDaemon(true);
    drain.start();
    try {
      String ws = url.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      Listener listener = new Listener();
      WebSocket socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(URI.create(ws), listener)
              .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      Chromium c = new Chromium(p, profile, socket);
      listener.owner = c;
      return c;
    } catch (Exception e) {
      p.destroyForcibly().waitFor();
      deleteTree(profile);
      throw new IOException("could not start headless Chromium: " + e.getMessage(), e);
    }
  }

  /** A new tab showing {@code url}, once its load event has fired. */
  public Page open(String url) throws Exception {
    String target =
        call("Target.createTarget", obj("url", "about:blank"), null).get("targetId").getAsString();
    JsonObject attach = obj("targetId", target);
    attach.addProperty("flatten", true);
    String session = call("Target.attachToTarget", attach, null).get("sessionId").getAsString();
    Page page = new Page(session);
    call("Page.enable", new JsonObject(), session);
    events.clear();
    call("Page.navigate", obj("url", url), session);
    page.awaitEvent("Page.loadEventFired");
    return page;
  }

  /** One open tab. */
  public final class Page {
    private final String session;

    private Page(String session) {
      this.session = session;
    }

    /** Evaluates {@code js} (promises awaited) and returns its value as JSON. */
    public JsonElement eval(String js) throws Exception {
      JsonObject p = obj("expression", js);
      p.addProperty("returnByValue", true);
      p.addProperty("awaitPromise", true);
      JsonObject r = call("Runtime.evaluate", p, session);
      if (r.has("exceptionDetails")) {
        throw new AssertionError("script failed: " + r.get("exceptionDetails"));
      }
      JsonObject result = r.getAsJsonObject("result");
      return result.has("value") ? result.get("value") : com.google.gson.JsonNull.INSTANCE;
    }

    /** Loads the page again from scratch (script state, filters and sort order reset). */
    public void reload() throws Exception {
      events.clear();
      call("Page.reload", new JsonObject(), session);
      awaitEvent("Page.loadEventFired");
    }

    /** Types {@code text} into the focused element, as a keyboard would (input events fire). */
    public void type(String text) throws Exception {
      call("Input.insertText", obj("text", text), session);
    }

    void awaitEvent(String method) throws Exception {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        JsonObject e = events.poll(100, TimeUnit.MILLISECONDS);
        if (e != null
            && method.equals(e.get("method").getAsString())
            && e.has("sessionId")
            && session.equals(e.get("sessionId").getAsString())) {
          return;
        }
      }
      throw new AssertionError("no " + method + " within " + TIMEOUT);
    }
  }

  private JsonObject call(String method, JsonObject params, String session) throws Exception {
    int id = ids.incrementAndGet();
    JsonObject msg = new JsonObject();
    msg.addProperty("id", id);
    msg.addProperty("method", method);
    msg.add("params", params);
    if (session != null) {
      msg.addProperty("sessionId", session);
    }
    CompletableFuture<JsonObject> f = new CompletableFuture<>();
    pending.put(id, f);
    socket.sendText(msg.toString(), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    JsonObject reply = f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new AssertionError(method + " failed: " + reply.get("error"));
    }
    return reply.getAsJsonObject("result");
  }

  private void receive(String text) {
    JsonObject m = JsonParser.parseString(text).getAsJsonObject();
    if (m.has("id")) {
      CompletableFuture<JsonObject> f = pending.remove(m.get("id").getAsInt());
      if (f != null) {
        f.complete(m);
      }
    } else if (m.has("method")) {
      events.add(m);
    }
  }

  private static JsonObject obj(String key, String value) {
    JsonObject o = new JsonObject();
    o.addProperty(key, value);
    return o;
  }

  @Override
  public void close() throws Exception {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    } catch (RuntimeException e) {
      // Already closed: stopping the process is what matters.
    }
    // The renderer and helper processes are this browser's children: stop them with it.
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    for (ProcessHandle child : children) {
      child.destroyForcibly();
    }
    deleteTree(profile);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  /** Reassembles fragmented text frames into whole DevTools messages. */
  private static final class Listener implements WebSocket.Listener {
    volatile Chromium owner;
    private final StringBuilder buffer = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        String whole = buffer.toString();
        buffer.setLength(0);
        if (owner != null) {
          owner.receive(whole);
        }
      }
      ws.request(1);
      return null;
    }
  }
}
