package dev.batoncf.config;

import dev.batoncf.cloudflare.Credentials;
import dev.batoncf.cloudflare.Secret;
import dev.batoncf.cloudflare.http.HttpSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Builds {@link Settings} from flags, then {@code BATON_*} env vars, then the YAML file (first one
 * set wins), and validates once, reporting every problem.
 */
public final class SettingsLoader {
  public static final String CONFIG_ENV = "BATON_CONFIG_PATH";

  /** The Go connector's name for the email variable; accepted so migrations keep working. */
  static final String LEGACY_EMAIL_ENV = "BATON_EMAIL_ID";

  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9a-fA-F]{32}");

  /** The limiter keeps one timestamp per request in the window; this bounds its memory. */
  static final int MAX_RATE_LIMIT_REQUESTS = 1_000_000;

  /** One day: a longer rate-limit window or retry deadline is a mistake, not a setting. */
  static final int MAX_SECONDS = 86_400;

  private static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace");
  private static final Set<String> FORMATS = Set.of("console", "json");

  /** Each kept sync is a full copy of the account's rows; more than this is a mistake. */
  static final int MAX_KEEP_PREVIOUS_SYNCS = 100;

  private final Map<String, String> env;

  public SettingsLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * @param flags values given on the command line (absent = not given)
   * @param configFile the --config value, or null to use BATON_CONFIG_PATH
   * @param needConnection false for --demo and for commands that never call Cloudflare
   */
  public Settings load(Map<Key, String> flags, Path configFile, boolean needConnection) {
    List<String> problems = new ArrayList<>();
    Map<Key, String> yaml = readYaml(configFile != null ? configFile : envPath(problems), problems);
    Map<Key, String> v = new EnumMap<>(Key.class);
    for (Key k : Key.values()) {
      String value = firstNonBlank(flags.get(k), envValue(k), yaml.get(k), k.defaultValue());
      if (value != null) {
        v.put(k, value.trim());
      }
    }
    String accountId = v.get(Key.ACCOUNT_ID);
    Credentials credentials = credentials(v, needConnection, problems);
    if (needConnection) {
      if (accountId == null) {
        problems.add("no account id: set --account-id or " + Key.ACCOUNT_ID.env());
      } else if (!ACCOUNT_ID.matcher(accountId).matches()) {
        problems.add(
            "--account-id must be the 32 hexadecimal characters of the account id, "
                + "as in the dashboard URL");
      }
    }
    String baseUrl = v.get(Key.BASE_URL);
    try {
      HttpSettings.validateBaseUrl(baseUrl);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    String level = v.get(Key.LOG_LEVEL).toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(level)) {
      problems.add("--log-level must be one of error, warn, info, debug, trace");
    }
    String format = v.get(Key.LOG_FORMAT);
    if (format != null && !FORMATS.contains(format.toLowerCase(Locale.ROOT))) {
      problems.add("--log-format must be console or json");
    }
    boolean provisioning = bool(Key.PROVISIONING, v, problems);
    boolean zeroTrust = bool(Key.ZERO_TRUST, v, problems);
    int requests = positiveInt(Key.RATE_LIMIT_REQUESTS, v, problems);
    if (requests > MAX_RATE_LIMIT_REQUESTS) {
      problems.add("--rate-limit-requests can be at most " + MAX_RATE_LIMIT_REQUESTS);
    }
    int window = boundedInt(Key.RATE_LIMIT_WINDOW_SECONDS, MAX_SECONDS, "(one day)", v, problems);
    // The deadline bounds retries only (a first attempt always gets its full timeouts), so a
    // short one is a valid "fail fast"; beyond a day it is a hang, not a deadline.
    int deadline = boundedInt(Key.RETRY_DEADLINE_SECONDS, MAX_SECONDS, "(one day)", v, problems);
    int lockout = boundedInt(Key.RATE_LIMIT_LOCKOUT_SECONDS, MAX_SECONDS, "(one day)", v, problems);
    int keep = keepPreviousSyncs(v, problems);
    Path file = path(v.get(Key.FILE), "--" + Key.FILE.flag(), problems);
    List<String> scimGroups = scimGroups(v.get(Key.SCIM_GROUPS), problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new Settings(
        accountId == null ? null : accountId.toLowerCase(Locale.ROOT),
        credentials,
        baseUrl,
        file,
        level,
        format == null ? null : format.toLowerCase(Locale.ROOT),
        provisioning,
        zeroTrust,
        requests,
        Duration.ofSeconds(window),
        Duration.ofSeconds(deadline),
        Duration.ofSeconds(lockout),
        keep,
        scimGroups);
  }

  /** Comma-separated patterns; each a group name with * wildcards, at most 200 characters. */
  static List<String> scimGroups(String text, List<String> problems) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String part : text.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      if (p.length() > 200 || p.chars().anyMatch(Character::isISOControl)) {
        problems.add(
            "--"
                + Key.SCIM_GROUPS.flag()
                + " entries must be group names or patterns "
                + "of at most 200 printable characters");
        return out;
      }
      out.add(p);
    }
    return out;
  }

  private static int keepPreviousSyncs(Map<Key, String> v, List<String> problems) {
    try {
      int n = Integer.parseInt(v.get(Key.KEEP_PREVIOUS_SYNCS));
      if (n >= 0 && n <= MAX_KEEP_PREVIOUS_SYNCS) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    problems.add(
        "--"
            + Key.KEEP_PREVIOUS_SYNCS.flag()
            + " must be a whole number from 0 to "
            + MAX_KEEP_PREVIOUS_SYNCS);
    return 0;
  }

  private Credentials credentials(Map<Key, String> v, boolean need, List<String> problems) {
    String token = v.get(Key.API_TOKEN);
    String email = v.get(Key.EMAIL);
    String key = v.get(Key.API_KEY);
    if (token != null && (key != null || email != null)) {
      problems.add(
          "both an API token and an email/global API key are set: use one auth mode "
              + "(--api-token, or --email with --api-key)");
      return null;
    }
    if (token != null) {
      return new Credentials.ApiToken(Secret.of(token));
    }
    if (key != null && email == null) {
      problems.add("--api-key needs --email (the login email of the key's owner)");
      return null;
    }
    if (email != null && key == null) {
      problems.add("--email needs --api-key, or use --api-token instead");
      return null;
    }
    if (key != null) {
      return new Credentials.GlobalApiKey(email, Secret.of(key));
    }
    if (need) {
      problems.add(
          "no credentials: set --api-token ("
              + Key.API_TOKEN.env()
              + "), or --email and "
              + "--api-key ("
              + Key.EMAIL.env()
              + ", "
              + Key.API_KEY.env()
              + ")");
    }
    return null;
  }

  private String envValue(Key k) {
    String value = env.get(k.env());
    if ((value == null || value.isBlank()) && k == Key.EMAIL) {
      value = env.get(LEGACY_EMAIL_ENV);
    }
    return value;
  }

  private Path envPath(List<String> problems) {
    String p = env.get(CONFIG_ENV);
    return p == null || p.isBlank() ? null : path(p, CONFIG_ENV, problems);
  }

  /** A path setting; one that cannot be a path (a NUL in it) is a problem, not a crash. */
  private static Path path(String value, String name, List<String> problems) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      problems.add(name + " is not a valid path (" + e.getReason() + ")");
      return null;
    }
  }

  /** Reads the YAML file into keys; a missing or broken file is a problem, not a crash. */
  static Map<Key, String> readYaml(Path file, List<String> problems) {
    Map<Key, String> out = new EnumMap<>(Key.class);
    if (file == null) {
      return out;
    }
    if (!Files.isRegularFile(file)) {
      problems.add("config file " + file + " does not exist or is not a file");
      return out;
    }
    Object doc;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
    } catch (MarkedYAMLException e) {
      problems.add(
          "config file "
              + file
              + " is not valid YAML at line "
              + (e.getProblemMark() == null ? "?" : e.getProblemMark().getLine() + 1)
              + ": "
              + e.getProblem());
      return out;
    } catch (YAMLException | IOException e) {
      problems.add("config file " + file + " could not be read: " + readProblem(e));
      return out;
    }
    if (doc == null) {
      return out;
    }
    if (!(doc instanceof Map<?, ?> map)) {
      problems.add("config file " + file + " must be a mapping of setting: value");
      return out;
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String name = String.valueOf(e.getKey());
      Key k = Key.byFlag(name);
      if (k == null) {
        problems.add("config file " + file + " has unknown setting '" + name + "'");
      } else if (k == Key.SCIM_GROUPS && e.getValue() instanceof List<?> list) {
        // the one list-valued setting: a YAML list reads as the comma-separated flag
        out.put(k, String.join(",", list.stream().map(String::valueOf).toList()));
      } else if (e.getValue() instanceof Map || e.getValue() instanceof List) {
        problems.add("config file setting '" + name + "' must be a single value");
      } else if (e.getValue() != null) {
        out.put(k, String.valueOf(e.getValue()));
      }
    }
    if (out.containsKey(Key.API_TOKEN) || out.containsKey(Key.API_KEY)) {
      SecretFile.warnIfWorldReadable(file, "config file");
    }
    return out;
  }

  /** Why the file could not be read, in words: never an exception name. */
  private static String readProblem(Exception e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    if (cause instanceof CharacterCodingException) {
      return "it is not UTF-8 text";
    }
    if (cause instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    if (e instanceof YAMLException && !(cause instanceof IOException) && e.getMessage() != null) {
      return e.getMessage().lines().findFirst().orElse("").trim(); // SnakeYAML's own words
    }
    return "it cannot be read";
  }

  private static boolean bool(Key k, Map<Key, String> v, List<String> problems) {
    String s = v.get(k).toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    problems.add("--" + k.flag() + " must be true or false");
    return false;
  }

  private static int positiveInt(Key k, Map<Key, String> v, List<String> problems) {
    try {
      int n = Integer.parseInt(v.get(k));
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    problems.add("--" + k.flag() + " must be a positive whole number");
    return 1;
  }

  /** 1 to {@code max}; anything else is one problem naming the range. */
  private static int boundedInt(
      Key k, int max, String what, Map<Key, String> v, List<String> problems) {
    try {
      int n = Integer.parseInt(v.get(k));
      if (n > 0 && n <= max) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    problems.add("--" + k.flag() + " must be a whole number from 1 to " + max + " " + what);
    return 1;
  }

  private static String firstNonBlank(String... values) {
    for (String s : values) {
      if (s != null && !s.isBlank()) {
        return s;
      }
    }
    return null;
  }
}
