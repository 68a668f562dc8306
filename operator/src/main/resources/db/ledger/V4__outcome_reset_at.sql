-- SPEC section 10: the time a provider said its limit resets, as epoch milliseconds; a cooldown lasts at least until then.
ALTER TABLE outcomes ADD COLUMN reset_at_ms INTEGER;
