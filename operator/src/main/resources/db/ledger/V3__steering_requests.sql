-- Steering requests made through the operator's action API, by a user whose token the operator
-- verified: the annotation the operator then sets carries this row's id, so the ledger can name that
-- user as the actor. An annotation set any other way is attributed to its field manager instead.
CREATE TABLE steering_requests (
  id         TEXT    PRIMARY KEY,
  time_ms    INTEGER NOT NULL,
  namespace  TEXT    NOT NULL,
  agent      TEXT    NOT NULL,
  annotation TEXT    NOT NULL,
  actor      TEXT    NOT NULL
) WITHOUT ROWID;
CREATE INDEX steering_requests_by_time ON steering_requests (time_ms);
