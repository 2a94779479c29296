-- The end of an audit chain, with the chain's lock, in one round trip (issue 3: every search and view
-- of a child writes an entry, so the cost of an entry is part of every read of the index).
--
-- Takes the chain's transaction-scoped advisory lock, then reads the newest entry's hash. The read is
-- a statement of its own inside this volatile function, so in READ COMMITTED it sees an entry that a
-- writer committed while this one waited for the lock; one statement doing both would read with a
-- snapshot from before the wait, and chain to an entry that is no longer the newest.
CREATE FUNCTION audit_chain_tip(lock_class integer, chain_name text) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(lock_class, hashtext(chain_name));
  RETURN (SELECT e.hash FROM audit_event e WHERE e.chain = chain_name ORDER BY e.seq DESC LIMIT 1);
END
$$;
COMMENT ON FUNCTION audit_chain_tip(integer, text) IS 'Locks an audit chain for the rest of the transaction and returns the hash of its newest entry (null for an empty chain)';
