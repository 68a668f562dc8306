-- One row the ledger rewrites to learn whether it can commit again (after a full disk, say).
CREATE TABLE ledger_probe (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  written_ms INTEGER NOT NULL
);
