package dev.batoncf.health;

import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.connector.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Cloudflare credential check behind {@code /health}: one validate call (one request when all
 * is well), its answer cached for {@code ttl} so that probes every few seconds do not spend the
 * rate budget, one check at a time however many probes arrive, and a probe never waits longer than
 * {@code timeout} (the check goes on and its answer is cached for the next probe).
 */
public final class CredentialCheck {
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * @param error why it failed, one line without secrets; null when ok
   */
  public record Result(boolean ok, String error, Instant checkedAt) {}

  /** The call that proves the credentials, e.g. {@code connector::validate}. */
  @FunctionalInterface
  public interface Validator {
    void validate() throws Exception;
  }

  private final Validator validator;
  private final Duration ttl;
  private final Duration timeout;
  private final Clock clock;
  private final Executor executor;
  private Result cached;
  private CompletableFuture<Result> inFlight;
  private long calls;

  public CredentialCheck(
      Validator validator, Duration ttl, Duration timeout, Clock clock, Executor executor) {
    this.validator = validator;
    this.ttl = ttl;
    this.timeout = timeout;
    this.clock = clock;
    this.executor = executor;
  }

  public Result check() {
    CompletableFuture<Result> f;
    synchronized (this) {
      if (cached != null
          && Duration.between(cached.checkedAt(), clock.instant()).compareTo(ttl) < 0) {
        return cached;
      }
      if (inFlight == null) {
        calls++;
        inFlight = CompletableFuture.supplyAsync(this::callOnce, executor);
        inFlight.thenAccept(this::store);
      }
      f = inFlight;
    }
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return new Result(
          false,
          "the Cloudflare credential check has not answered within " + DurationText.format(timeout),
          clock.instant());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(false, "interrupted", clock.instant());
    } catch (ExecutionException e) {
      return new Result(false, oneLine(e.getCause()), clock.instant());
    }
  }

  /** Validate calls made so far (for tests and metrics). */
  public synchronized long calls() {
    return calls;
  }

  private synchronized void store(Result r) {
    cached = r;
    inFlight = null;
  }

  private Result callOnce() {
    try {
      validator.validate();
      return new Result(true, null, clock.instant());
    } catch (Exception e) {
      return new Result(false, oneLine(e), clock.instant());
    }
  }

  /** The message a user can act on, on one line (ours as is; others with their kind). */
  public static String oneLine(Throwable e) {
    String msg = e.getMessage();
    boolean ours =
        e instanceof java.io.IOException
            || e instanceof CloudflareException
            || e instanceof ValidationException;
    String text =
        msg == null
            ? e.getClass().getSimpleName()
            : ours ? msg : e.getClass().getSimpleName() + ": " + msg;
    return text.replace('\n', ' ').replace('\r', ' ');
  }
}
