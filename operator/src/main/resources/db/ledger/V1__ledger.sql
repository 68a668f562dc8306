-- Reports as agents sent them (never a provider message: it could echo part of a key).
CREATE TABLE outcomes (
  seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
  time_ms             INTEGER NOT NULL,
  namespace           TEXT    NOT NULL,
  agent               TEXT    NOT NULL,
  agent_uid           TEXT    NOT NULL,
  agent_type          TEXT    NOT NULL,
  tier                INTEGER,
  provider            TEXT,
  result              TEXT    NOT NULL,
  kind                TEXT    NOT NULL,
  http_status         INTEGER,
  error_type          TEXT,
  error_code          TEXT,
  retry_after_seconds INTEGER,
  input_tokens        INTEGER NOT NULL DEFAULT 0,
  output_tokens       INTEGER NOT NULL DEFAULT 0,
  idempotency_id      TEXT
);
CREATE UNIQUE INDEX outcomes_by_idempotency_id ON outcomes (agent_uid, idempotency_id) WHERE idempotency_id IS NOT NULL;
CREATE INDEX outcomes_by_agent ON outcomes (agent_uid, seq);
CREATE INDEX outcomes_by_time ON outcomes (time_ms);

-- State changes, the history behind each Agent's status.
CREATE TABLE provider_events (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  time_ms    INTEGER NOT NULL,
  namespace  TEXT    NOT NULL,
  agent      TEXT    NOT NULL,
  agent_type TEXT    NOT NULL,
  event      TEXT    NOT NULL,
  from_tier  INTEGER NOT NULL,
  to_tier    INTEGER NOT NULL,
  kind       TEXT,
  actor      TEXT    NOT NULL,
  message    TEXT    NOT NULL
);
CREATE INDEX provider_events_by_agent ON provider_events (namespace, agent, seq);
CREATE INDEX provider_events_by_time ON provider_events (time_ms);

-- Input+output tokens per AgentType and provider, one row a minute: what the budget sums read.
CREATE TABLE token_usage (
  namespace  TEXT    NOT NULL,
  agent_type TEXT    NOT NULL,
  provider   TEXT    NOT NULL,
  minute     INTEGER NOT NULL,
  tokens     INTEGER NOT NULL,
  PRIMARY KEY (namespace, agent_type, provider, minute)
) WITHOUT ROWID;
