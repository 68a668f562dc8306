package io.failover.agents.operator.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;

/**
 * The ledger's path and the identity (device and inode) of the file opened there, so that a file
 * deleted or replaced under a running operator is noticed instead of written into unseen.
 */
public final class LedgerFile {
  private final Path path;
  private volatile Object openedKey;

  LedgerFile(Path path) {
    this.path = path.toAbsolutePath();
  }

  Path path() {
    return path;
  }

  /** Records the file now at the path as the one the ledger has open. */
  void opened() {
    openedKey = currentKey().orElse(null);
  }

  /** The file at the path is the one opened: not deleted, not replaced by another. */
  boolean stillOpened() {
    Object opened = openedKey;
    return opened != null && currentKey().map(key -> Objects.equals(key, opened)).orElse(false);
  }

  private Optional<Object> currentKey() {
    try {
      return Optional.ofNullable(Files.readAttributes(path, BasicFileAttributes.class).fileKey());
    } catch (NoSuchFileException missing) {
      return Optional.empty();
    } catch (IOException unreadable) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
