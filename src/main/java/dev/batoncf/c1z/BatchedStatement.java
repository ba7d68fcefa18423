package dev.batoncf.c1z;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One prepared upsert whose rows are queued with {@code addBatch} and sent every {@link
 * #BATCH_ROWS} rows, so memory holds at most one small batch per table.
 */
final class BatchedStatement implements AutoCloseable {

  static final int BATCH_ROWS = 512;

  private final PreparedStatement statement;
  private int pending;

  BatchedStatement(Connection db, String sql) throws SQLException {
    this.statement = db.prepareStatement(sql);
  }

  /** The statement whose parameters the caller sets before {@link #add()}. */
  PreparedStatement params() {
    return statement;
  }

  void add() throws SQLException {
    statement.addBatch();
    if (++pending >= BATCH_ROWS) {
      flush();
    }
  }

  void flush() throws SQLException {
    if (pending > 0) {
      statement.executeBatch();
      pending = 0;
    }
  }

  @Override
  public void close() throws SQLException {
    statement.close();
  }
}
