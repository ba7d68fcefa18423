package dev.batoncf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.batoncf.action.ActionRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's "Security actions" section honest: every command in its {@code ```sh} blocks
 * runs against {@code --demo}, exits 0 and prints JSON, and every action has at least one example.
 */
class ActionDocsExamplesTest {
  private static final Path DOC = Path.of("README.md");
  private static final String SECTION = "## Security actions";
  private static final String PROGRAM = "cmd/baton-cloudflare ";

  @Test
  void everyExampleRunsAndEveryActionHasOne() throws IOException {
    List<String> readme = Files.readAllLines(DOC);
    int start = readme.indexOf(SECTION);
    assertTrue(start >= 0, "README has no " + SECTION + " section");
    int end = start + 1;
    while (end < readme.size() && !readme.get(end).startsWith("## ")) {
      end++;
    }
    List<List<String>> commands = commands(readme.subList(start, end));
    Set<String> shown = new HashSet<>();
    for (List<String> args : commands) {
      ActionCliTest.Run r = ActionCliTest.run(args.toArray(String[]::new));
      assertEquals(0, r.code(), () -> String.join(" ", args) + "\n" + r);
      assertTrue(JsonParser.parseString(r.out()).isJsonObject(), r::toString);
      int at = args.indexOf("--invoke-action");
      if (at >= 0) {
        shown.add(args.get(at + 1));
      }
    }
    assertEquals(new HashSet<>(ActionRegistry.standard().names()), shown);
  }

  /** The lines of ```sh blocks that start with the program name, split like a POSIX shell would. */
  static List<List<String>> commands(List<String> lines) {
    List<List<String>> out = new ArrayList<>();
    boolean inSh = false;
    for (String line : lines) {
      if (line.startsWith("```")) {
        inSh = !inSh && line.equals("```sh");
        continue;
      }
      if (inSh && line.startsWith(PROGRAM)) {
        out.add(split(line.substring(PROGRAM.length())));
      }
    }
    return out;
  }

  /** Whitespace-separated words; single quotes group (the examples use no other quoting). */
  private static List<String> split(String s) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : s.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
        any = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (any) {
          words.add(w.toString());
          w.setLength(0);
          any = false;
        }
      } else {
        w.append(c);
        any = true;
      }
    }
    if (any) {
      words.add(w.toString());
    }
    return words;
  }
}
