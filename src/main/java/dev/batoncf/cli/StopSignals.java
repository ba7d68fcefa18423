package dev.batoncf.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and SIGINT ask a long-running command to stop, instead of the JVM's default of running
 * shutdown hooks and exiting with 143: the command then finishes its work within its timeout and
 * returns normally, so the process exits 0, which is what systemd and Kubernetes count as a clean
 * stop. The previous handlers come back on {@link #close()}.
 *
 * <p>The JDK's only API for this is {@code sun.misc.Signal} (module jdk.unsupported); it is reached
 * by reflection so the build carries no internal-API warning, and where it is missing the JVM's
 * default handling (a shutdown hook asks the command to stop) stays.
 */
final class StopSignals implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
  private static final List<String> NAMES = List.of("TERM", "INT");

  private final List<Object[]> installed = new ArrayList<>(); // {signal, previous handler}
  private Thread hook;

  private StopSignals() {}

  static StopSignals install(Runnable stop) {
    StopSignals s = new StopSignals();
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      Method handle = signal.getMethod("handle", signal, handlerType);
      Object handler =
          Proxy.newProxyInstance(
              StopSignals.class.getClassLoader(),
              new Class<?>[] {handlerType},
              (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                  stop.run();
                }
                return method.getDeclaringClass() == Object.class
                    ? method.invoke(stop, args)
                    : null;
              });
      for (String name : NAMES) {
        try {
          Object sig = signal.getConstructor(String.class).newInstance(name);
          s.installed.add(new Object[] {sig, handle.invoke(null, sig, handler)});
        } catch (InvocationTargetException unsupported) {
          // this platform lacks the signal, or the JVM reserves it: default behaviour
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.debug("no signal handling API; stopping from a shutdown hook instead", e);
      s.hook = new Thread(stop, "stop-on-shutdown");
      Runtime.getRuntime().addShutdownHook(s.hook);
    }
    return s;
  }

  @Override
  public void close() {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Method handle = signal.getMethod("handle", signal, Class.forName("sun.misc.SignalHandler"));
      for (Object[] pair : installed) {
        handle.invoke(null, pair[0], pair[1]);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.debug("could not restore the signal handlers", e);
    }
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it stops the command itself
      }
    }
  }
}
