package dev.batoncf.c1z;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The entitlement graph of one sync's expandable grants, built and walked the way Baton's expander
 * does ({@code pkg/sync/expand}): an edge S → D says "whoever holds S also gets D". Cycles are
 * collapsed into one node whose internal edges are dropped (so members of a cycle do not reach each
 * other, exactly as in Baton); the rest is walked in topological rounds, a source only once every
 * edge into it is expanded.
 */
final class ExpansionGraph {

  /**
   * How edges from one node to another are followed. Empty resource types: every principal type.
   */
  record EdgeSpec(boolean shallow, Set<String> resourceTypes) {

    /**
     * Baton's union: a deep edge admits more than a shallow one, an unfiltered more than a filtered
     * one.
     */
    EdgeSpec merge(EdgeSpec other) {
      Set<String> types;
      if (resourceTypes.isEmpty() || other.resourceTypes.isEmpty()) {
        types = Set.of();
      } else {
        types = new TreeSet<>(resourceTypes);
        types.addAll(other.resourceTypes);
      }
      return new EdgeSpec(shallow && other.shallow, Set.copyOf(types));
    }
  }

  /**
   * One unit of work: give every qualifying holder of {@code source} the entitlement {@code
   * destination}.
   */
  record Step(String source, String destination, EdgeSpec spec) {}

  private final Map<String, Integer> nodeOf = new HashMap<>();
  private final List<String> entitlements = new ArrayList<>();
  private final Map<Integer, Map<Integer, EdgeSpec>> edges = new TreeMap<>();

  /** Adds S → D; a second S → D edge merges into the first. */
  void addEdge(String source, String destination, boolean shallow, List<String> resourceTypes) {
    int s = node(source);
    int d = node(destination);
    EdgeSpec spec = new EdgeSpec(shallow, Set.copyOf(new TreeSet<>(resourceTypes)));
    edges.computeIfAbsent(s, k -> new TreeMap<>()).merge(d, spec, EdgeSpec::merge);
  }

  boolean isEmpty() {
    return edges.isEmpty();
  }

  int edgeCount() {
    return edges.values().stream().mapToInt(Map::size).sum();
  }

  private int node(String entitlementId) {
    return nodeOf.computeIfAbsent(
        entitlementId,
        id -> {
          entitlements.add(id);
          return entitlements.size() - 1;
        });
  }

  /**
   * The expansion in rounds: every step of a round reads sources that no later round writes to.
   *
   * @throws IllegalStateException if the graph needs more than {@code maxDepth} rounds
   */
  List<List<Step>> rounds(int maxDepth) {
    Condensed c = condense();
    Set<Integer> unexpandedOut = new TreeSet<>(c.edges.keySet());
    Map<Integer, List<Integer>> parents = new HashMap<>();
    c.edges.forEach(
        (from, tos) ->
            tos.keySet()
                .forEach(to -> parents.computeIfAbsent(to, k -> new ArrayList<>()).add(from)));
    List<List<Step>> rounds = new ArrayList<>();
    while (!unexpandedOut.isEmpty()) {
      // Baton: a source is ready when it has unexpanded edges and every node pointing at it
      // has expanded all of its own edges.
      List<Integer> ready = new ArrayList<>();
      for (Integer n : unexpandedOut) {
        boolean parentsDone =
            parents.getOrDefault(n, List.of()).stream().noneMatch(unexpandedOut::contains);
        if (parentsDone) {
          ready.add(n);
        }
      }
      if (ready.isEmpty()) {
        throw new IllegalStateException("expansion graph still has a cycle after collapsing");
      }
      if (rounds.size() >= maxDepth) {
        throw new IllegalStateException(
            "grant expansion needs more than " + maxDepth + " levels of nesting (Baton's limit)");
      }
      List<Step> round = new ArrayList<>();
      for (Integer from : ready) {
        for (String source : c.members.get(from)) {
          c.edges
              .get(from)
              .forEach(
                  (to, spec) -> {
                    for (String destination : c.members.get(to)) {
                      round.add(new Step(source, destination, spec));
                    }
                  });
        }
      }
      unexpandedOut.removeAll(ready);
      rounds.add(round);
    }
    return rounds;
  }

  /** Nodes and edges after cycles are merged. */
  private record Condensed(
      Map<Integer, List<String>> members, Map<Integer, Map<Integer, EdgeSpec>> edges) {}

  /**
   * Strongly connected components (iterative Tarjan). A component with more than one node, or one
   * node with an edge to itself, becomes one node with its internal edges dropped; edges into and
   * out of it merge with {@link EdgeSpec#merge}.
   */
  private Condensed condense() {
    int[] component = components();
    Map<Integer, List<String>> members = new TreeMap<>();
    for (int n = 0; n < entitlements.size(); n++) {
      members.computeIfAbsent(component[n], k -> new ArrayList<>()).add(entitlements.get(n));
    }
    members.values().forEach(l -> l.sort(String::compareTo));
    Map<Integer, Map<Integer, EdgeSpec>> out = new TreeMap<>();
    edges.forEach(
        (from, tos) ->
            tos.forEach(
                (to, spec) -> {
                  int cf = component[from];
                  int ct = component[to];
                  if (cf != ct) {
                    out.computeIfAbsent(cf, k -> new LinkedHashMap<>())
                        .merge(ct, spec, EdgeSpec::merge);
                  }
                }));
    return new Condensed(members, out);
  }

  private int[] components() {
    int n = entitlements.size();
    int[] index = new int[n];
    int[] low = new int[n];
    int[] component = new int[n];
    boolean[] onStack = new boolean[n];
    java.util.Arrays.fill(index, -1);
    Deque<Integer> stack = new ArrayDeque<>();
    int counter = 0;
    int components = 0;
    for (int root = 0; root < n; root++) {
      if (index[root] >= 0) {
        continue;
      }
      // Each frame: the node and an iterator over its successors.
      Deque<int[]> frames = new ArrayDeque<>();
      Map<Integer, List<Integer>> successors = new HashMap<>();
      frames.push(new int[] {root, 0});
      index[root] = low[root] = counter++;
      stack.push(root);
      onStack[root] = true;
      while (!frames.isEmpty()) {
        int[] frame = frames.peek();
        int v = frame[0];
        List<Integer> next =
            successors.computeIfAbsent(
                v, k -> new ArrayList<>(edges.getOrDefault(k, Map.of()).keySet()));
        if (frame[1] < next.size()) {
          int w = next.get(frame[1]++);
          if (index[w] < 0) {
            index[w] = low[w] = counter++;
            stack.push(w);
            onStack[w] = true;
            frames.push(new int[] {w, 0});
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
          continue;
        }
        frames.pop();
        if (!frames.isEmpty()) {
          int parent = frames.peek()[0];
          low[parent] = Math.min(low[parent], low[v]);
        }
        if (low[v] == index[v]) {
          int w;
          do {
            w = stack.pop();
            onStack[w] = false;
            component[w] = components;
          } while (w != v);
          components++;
        }
      }
    }
    return component;
  }
}
